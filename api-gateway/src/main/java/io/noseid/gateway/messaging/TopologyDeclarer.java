package io.noseid.gateway.messaging;

import io.noseid.shared.Topology;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Declares the shared topology with the exact arguments of {@link Topology} before the messaging channels start
 * (they start at LIBRARY_BEFORE), so that nothing is published to a missing queue and the consumers find their
 * queues, through the helper the worker uses too ({@link Topology#declare}). The connector itself is configured never
 * to declare anything (it would add its own arguments).
 */
@ApplicationScoped
public class TopologyDeclarer {

    private static final Logger LOG = Logger.getLogger(TopologyDeclarer.class);

    @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost")
    String host;
    @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672")
    int port;
    @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest")
    String username;
    @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest")
    String password;
    @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/")
    String virtualHost;

    void declareOnStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event)
            throws Exception {
        Topology.declare(new Topology.Broker(host, port, username, password, virtualHost), "noseid-gateway-topology");
        LOG.infof("RabbitMQ topology declared on %s:%d vhost %s", host, port, virtualHost);
    }
}
