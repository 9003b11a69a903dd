package io.noseid.worker.messaging;

import io.noseid.shared.Topology;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Declares the shared topology before the messaging channels start (they run at LIBRARY_BEFORE), so that a job
 * published by the gateway before any worker ever ran is queued, and the dead-letter path exists before the first
 * delivery can fail. The gateway declares the same topology through the same {@link Topology#declare} helper.
 */
@ApplicationScoped
public class RabbitTopology {

    private static final Logger LOG = Logger.getLogger(RabbitTopology.class);

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

    void declareOnStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws Exception {
        Topology.declare(new Topology.Broker(host, port, username, password, virtualHost), "noseid-worker-topology");
        LOG.infof("RabbitMQ topology declared on %s:%d vhost %s", host, port, virtualHost);
    }
}
