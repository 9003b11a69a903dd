package io.noseid.gateway.messaging;

import io.noseid.shared.Topology;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;

/**
 * Declares the shared topology with the exact arguments of {@link Topology} before the messaging channels start
 * (they start at LIBRARY_BEFORE), so that nothing is published to a missing queue and the consumers find their
 * queues, through the helper the worker uses too ({@link Topology#declareFromConfig}). The connector itself is
 * configured never to declare anything (it would add its own arguments).
 */
@ApplicationScoped
public class TopologyDeclarer {

    void declareOnStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config)
            throws Exception {
        Topology.declareFromConfig(key -> config.getOptionalValue(key, String.class), "noseid-gateway-topology");
    }
}
