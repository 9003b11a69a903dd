package io.noseid.worker.health;

import io.noseid.worker.analysis.PhotoAnalyser;
import io.noseid.worker.adaptation.ServedMatcher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the detector answered its warm-up image and the gallery index is loaded: both happen when the
 * beans are created, which this check causes at start rather than on the first job.
 */
@Readiness
@ApplicationScoped
public class VisionReadiness implements HealthCheck {

    @Inject
    PhotoAnalyser analyser;
    @Inject
    ServedMatcher matcher;

    private volatile boolean loaded;

    /** Both are @Singleton beans, created when this bean is: observing start-up is what loads them. */
    void loadAtStart(@Observes StartupEvent event) {
        loaded = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("vision-models")
                .status(loaded)
                .withData("galleryDogs", loaded ? matcher.matcher().gallerySize() : 0)
                .build();
    }
}
