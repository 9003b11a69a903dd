package io.noseid.gateway.messaging;

import io.noseid.shared.Topology;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;
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

    void declareOnStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config)
            throws Exception {
        Topology.Broker broker = Topology.Broker.of(key -> config.getOptionalValue(key, String.class));
        Topology.declare(broker, "noseid-gateway-topology");
        LOG.infof("RabbitMQ topology declared on %s", broker);
    }
}
