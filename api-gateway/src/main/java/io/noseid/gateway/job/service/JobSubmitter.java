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
import io.noseid.shared.PhotoRef;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Stores a validated job durably, records it as QUEUED in Redis and publishes it; answers only after the broker
 * confirmed. Any failure on the way undoes what was stored and answers 503.
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
            JobEntity job = new JobEntity();
            job.id = jobId.toString();
            job.type = kind;
            job.status = JobStatus.QUEUED;
            job.progress = 0;
            job.plannedDogId = plannedDogId == null ? null : plannedDogId.toString();
            job.requestJson = requestJson;
            job.createdAt = now;
            job.updatedAt = now;

            List<PhotoRef> refs;
            try {
                refs = store.create(job, photos);
            } catch (RuntimeException e) {
                throw unavailable("The database is not available", e);
            }
            try {
                progress.write(JobSnapshot.of(job));
                JobRequest request = kind == JobKind.REGISTRATION
                        ? JobRequest.registration(jobId, plannedDogId, refs, now)
                        : JobRequest.identification(jobId, refs, now);
                publisher.publish(request);
            } catch (RuntimeException e) {
                undo(jobId);
                throw unavailable("The job could not be queued", e);
            }
            LOG.infof("%s job queued with %d photo(s)", kind, photos.size());
            metrics.counter("noseid.jobs.submitted", "type", kind.name()).increment();
            return JobAccepted.queued(jobId, kind);
        } finally {
            MDC.remove("jobId");
        }
    }

    private void undo(UUID jobId) {
        try {
            progress.delete(jobId);
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove the Redis state of the unqueued job: %s", e.getMessage());
        }
        try {
            store.discard(jobId.toString());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not remove the rows of the unqueued job %s", jobId);
        }
    }

    private ApiException unavailable(String detail, Throwable cause) {
        metrics.counter("noseid.jobs.refused.unavailable").increment();
        LOG.warnf("%s: %s", detail, cause.toString());
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, detail + "; please retry later", List.of(),
                RETRY_AFTER_SECONDS, cause);
    }
}
