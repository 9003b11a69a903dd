package io.noseid.worker.jobs;

import io.noseid.shared.JobProgress;
import io.noseid.shared.JobStatus;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Writes RUNNING and progress into the job's Redis hash. The gateway owns QUEUED and the final states; a job that
 * already ended (a late redelivery) is never pulled back to RUNNING. Progress is best effort: a Redis outage must not
 * fail the job, the final state travels through the reply queue.
 */
@ApplicationScoped
public class RedisProgress implements JobHandler.ProgressListener {

    private static final Logger LOG = Logger.getLogger(RedisProgress.class);

    private final HashCommands<String, String, String> hashes;
    private final WorkerIdentity identity;

    @Inject
    public RedisProgress(RedisDataSource redis, WorkerIdentity identity) {
        this.hashes = redis.hash(String.class);
        this.identity = identity;
    }

    public void running(UUID jobId) {
        progress(jobId, 0.0);
    }

    @Override
    public void progress(UUID jobId, double fraction) {
        String key = JobProgress.redisKey(jobId);
        try {
            String status = hashes.hget(key, JobProgress.FIELD_STATUS);
            if (status != null && JobStatus.valueOf(status).isFinal()) {
                return;
            }
            hashes.hset(key, Map.of(
                    JobProgress.FIELD_STATUS, JobStatus.RUNNING.name(),
                    JobProgress.FIELD_PROGRESS, Double.toString(Math.max(0.0, Math.min(1.0, fraction))),
                    JobProgress.FIELD_UPDATED_AT, OffsetDateTime.now().toString(),
                    JobProgress.FIELD_WORKER, identity.id()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not write progress of job %s to Redis", jobId);
        }
    }
}
