package io.noseid.worker.adaptation;

import io.noseid.shared.AdaptationSummary;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.MatcherStatus;
import io.noseid.worker.config.WorkerConfig;
import io.noseid.worker.gallery.GallerySync;
import io.noseid.worker.gallery.JdbcGalleryStore;
import io.noseid.worker.gallery.MatcherVersionStore;
import io.noseid.worker.jobs.JobErrorCode;
import io.noseid.worker.jobs.JobHandler;
import io.noseid.worker.jobs.RedisProgress;
import io.noseid.worker.jobs.WorkerIdentity;
import io.noseid.worker.matcher.MatchRule;
import io.noseid.worker.matcher.MatcherSettings;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an adaptation job on this worker ({@link GalleryAdaptation}); the switch waits for every worker that reports
 * its matcher to Redis to have loaded the new version, then every worker is told to switch.
 */
@ApplicationScoped
public class AdaptationRunner implements JobHandler.Adapter {

    private static final Logger LOG = Logger.getLogger(AdaptationRunner.class);
    private static final long POLL_NANOS = 250_000_000L;

    private final GalleryAdaptation adaptation;
    private final RedisProgress progress;
    private final RedisDataSource redis;
    private final MatcherVersionWatcher watcher;
    private final GallerySync gallery;
    private final WorkerIdentity identity;

    public AdaptationRunner(JdbcGalleryStore store, MatcherVersionStore versions, MatcherSettings settings,
                            WorkerConfig config, RedisProgress progress, RedisDataSource redis,
                            MatcherVersionWatcher watcher, GallerySync gallery, WorkerIdentity identity) {
        this.adaptation = new GalleryAdaptation(store, versions, settings,
                AdaptationSettings.from(config.matcher().adaptation()));
        this.progress = progress;
        this.redis = redis;
        this.watcher = watcher;
        this.gallery = gallery;
        this.identity = identity;
    }

    @Override
    public JobResult adapt(JobRequest request) {
        MatcherVersionStore.Version version;
        try {
            version = adaptation.run(request.jobId(), f -> progress.progress(request.jobId(), f), this::awaitPrepared);
        } catch (GalleryAdaptation.GalleryTooSmallException e) {
            return JobResult.failure(request.jobId(), request.type(), JobErrorCode.GALLERY_TOO_SMALL.name(),
                    e.getMessage(), identity.id());
        }
        watcher.refreshNow();
        gallery.matcherSwitched();
        return JobResult.adapted(request, new AdaptationSummary(version.name(), version.dogs(), version.photos(),
                version.scoreThreshold(), version.estimatedFar()), identity.id());
    }

    /** True once every worker reporting to Redis serves or has loaded {@code version}; false after the timeout. */
    private boolean awaitPrepared(String version, Duration timeout) {
        watcher.refreshNow();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> waitingFor = List.of();
        while (System.nanoTime() < deadline) {
            waitingFor = workersWithout(version);
            if (waitingFor.isEmpty()) {
                return true;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        LOG.warnf("Workers %s did not load matcher version %s in time", waitingFor, version);
        return false;
    }

    private List<String> workersWithout(String version) {
        List<String> missing = new ArrayList<>();
        int reports = 0;
        for (String key : redis.key().scan(new KeyScanArgs().match(MatcherStatus.KEY_PREFIX + "*").count(100))
                .toIterable()) {
            MatcherStatus status = MatcherStatus.fromHash(redis.hash(String.class).hgetall(key)).orElse(null);
            if (status != null) {
                reports++;
                if (!version.equals(status.preparedVersion()) && !version.equals(status.matcherVersion())) {
                    missing.add(status.workerId());
                }
            }
        }
        // This worker reports too; no report at all means Redis lost them: wait for the next round.
        return reports == 0 ? List.of(identity.id()) : missing;
    }
}
