package io.noseid.gateway.job.service;

import io.noseid.gateway.error.ApiException;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.rest.JobAccepted;
import io.noseid.gateway.messaging.JobPublisher;
import io.noseid.gateway.photo.ValidatedPhoto;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobStatus;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Accepts a validated job: refused at once with 503 while the broker or Redis is out (nothing stored, nothing ever
 * published); otherwise recorded as QUEUED in Redis, then stored with its photos and its message in one MariaDB
 * transaction. From that commit on the job is owed a result: the outbox publishes it, now or after an outage.
 */
@ApplicationScoped
public class JobSubmitter {

    private static final Logger LOG = Logger.getLogger(JobSubmitter.class);
    /** A hint for clients after a 503: an outage of a backing service rarely ends within a second. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final JobStore store;
    private final JobProgressStore progress;
    private final JobPublisher publisher;
    private final MeterRegistry metrics;

    public JobSubmitter(JobStore store, JobProgressStore progress, JobPublisher publisher, MeterRegistry metrics) {
        this.store = store;
        this.progress = progress;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public JobAccepted submit(JobKind kind, UUID plannedDogId, String requestJson, List<ValidatedPhoto> photos) {
        UUID jobId = UUID.randomUUID();
        // millisecond precision: what TIMESTAMP(3) keeps, so Redis and MariaDB show the same instants
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MDC.put("jobId", jobId.toString());
        try {
            if (!publisher.brokerAvailable()) {
                throw unavailable("The message broker is not available", null);
            }
            JobEntity job = new JobEntity();
            job.id = jobId.toString();
            job.type = kind;
            job.status = JobStatus.QUEUED;
            job.progress = 0;
            job.plannedDogId = plannedDogId == null ? null : plannedDogId.toString();
            job.requestJson = requestJson;
            job.createdAt = now;
            job.updatedAt = now;
            // Redis first: once the job is stored it will run, and a client must be able to follow it
            try {
                progress.write(JobSnapshot.of(job));
            } catch (RuntimeException e) {
                throw unavailable("The job status store is not available", e);
            }
            try {
                store.create(job, photos, refs -> kind == JobKind.REGISTRATION
                        ? JobRequest.registration(jobId, plannedDogId, refs, now)
                        : JobRequest.identification(jobId, refs, now));
            } catch (RuntimeException e) {
                forget(jobId);
                throw unavailable("The database is not available", e);
            }
            LOG.infof("%s job queued with %d photo(s)", kind, photos.size());
            metrics.counter("noseid.jobs.submitted", "type", kind.name()).increment();
            return JobAccepted.queued(jobId, kind);
        } finally {
            MDC.remove("jobId");
        }
    }

    /** The job was never stored: its Redis record must not announce it. */
    private void forget(UUID jobId) {
        try {
            progress.delete(jobId);
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove the Redis state of the refused job: %s", e.getMessage());
        }
    }

    private ApiException unavailable(String detail, Throwable cause) {
        metrics.counter("noseid.jobs.refused.unavailable").increment();
        LOG.warnf("%s: %s", detail, cause == null ? "readiness reports it down" : cause.toString());
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, detail + "; please retry later", List.of(),
                RETRY_AFTER_SECONDS, cause);
    }
}
