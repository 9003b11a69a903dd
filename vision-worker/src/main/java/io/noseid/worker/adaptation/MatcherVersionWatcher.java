package io.noseid.worker.adaptation;

import io.noseid.worker.config.WorkerConfig;
import io.noseid.worker.health.MatcherStatusReporter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this worker on the matcher version the shared table names: checks it every gallery catch-up interval and at
 * once when an adaptation announces a switch; loads a READY version beside the served one and switches when another
 * becomes ACTIVE ({@link ServedMatcher#refresh()}), on a thread of its own so jobs never wait for a load. Reports the
 * new state to Redis straight away: an adaptation waits for every worker to have loaded its version.
 */
@ApplicationScoped
public class MatcherVersionWatcher {

    private static final Logger LOG = Logger.getLogger(MatcherVersionWatcher.class);

    private final ServedMatcher served;
    private final MatcherStatusReporter reporter;
    private final WorkerConfig config;
    private ScheduledExecutorService timer;

    public MatcherVersionWatcher(ServedMatcher served, MatcherStatusReporter reporter, WorkerConfig config) {
        this.served = served;
        this.reporter = reporter;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("matcher-versions").daemon()
                .factory());
        long millis = config.gallery().catchUpInterval().toMillis();
        timer.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Checks the table now (an adaptation made a version ready or active). */
    public void refreshNow() {
        try {
            if (timer != null) {
                timer.execute(this::refreshQuietly);
            }
        } catch (RejectedExecutionException e) {
            LOG.debug("Worker stopping: matcher version not refreshed");
        }
    }

    private void refreshQuietly() {
        try {
            Optional<String> preparedBefore = served.preparedVersion();
            boolean switched = served.refresh();
            if (switched || !preparedBefore.equals(served.preparedVersion())) {
                reporter.report();
            }
        } catch (RuntimeException e) {
            LOG.warnf("Matcher version check failed, will retry: %s", e.getMessage());
        }
    }
}
