package io.noseid.worker.messaging;

import io.noseid.shared.Topology;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;

/**
 * Declares the shared topology before the messaging channels start (they run at LIBRARY_BEFORE), so that a job
 * published by the gateway before any worker ever ran is queued, and the dead-letter path exists before the first
 * delivery can fail. The gateway declares the same topology through the same {@link Topology#declareFromConfig}.
 */
@ApplicationScoped
public class RabbitTopology {

    void declareOnStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config)
            throws Exception {
        Topology.declareFromConfig(key -> config.getOptionalValue(key, String.class), "noseid-worker-topology");
    }
}
