package io.noseid.worker.health;

import io.noseid.shared.MatcherStatus;
import io.noseid.worker.config.WorkerConfig;
import io.noseid.worker.jobs.WorkerIdentity;
import io.noseid.worker.adaptation.ServedMatcher;
import io.noseid.worker.gallery.MatcherVersionStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports what this worker's matcher serves (version, dogs in its index, the FAR its threshold is set for) into
 * Redis every {@code noseid.worker.status-interval}, for the gateway's {@code GET /api/v1/admin/matcher}. A report
 * expires after three intervals, so a stopped or partitioned worker drops out; a Redis outage only delays the next
 * report.
 */
@ApplicationScoped
public class MatcherStatusReporter {

    private static final Logger LOG = Logger.getLogger(MatcherStatusReporter.class);

    private final ServedMatcher matcher;
    private final RedisDataSource redis;
    private final WorkerIdentity identity;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public MatcherStatusReporter(ServedMatcher matcher, RedisDataSource redis, WorkerIdentity identity,
                                 WorkerConfig config) {
        this.matcher = matcher;
        this.redis = redis;
        this.identity = identity;
        this.interval = config.statusInterval();
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("matcher-status").daemon()
                .factory());
        timer.scheduleWithFixedDelay(this::reportQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            redis.key().del(MatcherStatus.redisKey(identity.id()));
        } catch (RuntimeException e) {
            LOG.debugf("Matcher status not withdrawn: %s", e.getMessage());
        }
    }

    /** What this worker serves now; an adapted version says when it became active and the FAR it measured. */
    public MatcherStatus current() {
        MatcherVersionStore.Version version = matcher.version();
        boolean adapted = version.inlierThreshold() != null;
        String adaptedAt = adapted && version.activatedAt() != null
                ? version.activatedAt().atOffset(ZoneOffset.UTC).toString() : null;
        return new MatcherStatus(identity.id(), version.name(), adaptedAt, matcher.matcher().gallerySize(),
                matcher.matcher().settings().targetFar(), adapted ? version.estimatedFar() : null,
                OffsetDateTime.now().toString(), matcher.preparedVersion().orElse(null));
    }

    /** Reports now (after a version was loaded or switched to), besides the periodic reports. */
    public void report() {
        String key = MatcherStatus.redisKey(identity.id());
        redis.hash(String.class).hset(key, current().toHash());
        redis.key().pexpire(key, interval.toMillis() * 3);
    }

    private void reportQuietly() {
        try {
            report();
        } catch (RuntimeException e) {
            LOG.warnf("Matcher status not reported to Redis, will retry: %s", e.getMessage());
        }
    }
}
