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
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

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

    private final Event<Uncommitted> uncommitted;

    public JobSubmitter(JobStore store, JobProgressStore progress, JobPublisher publisher, MeterRegistry metrics,
                        Event<Uncommitted> uncommitted) {
        this.store = store;
        this.progress = progress;
        this.publisher = publisher;
        this.metrics = metrics;
        this.uncommitted = uncommitted;
    }

    public JobAccepted submit(JobKind kind, UUID plannedDogId, String requestJson, List<ValidatedPhoto> photos) {
        UUID jobId = UUID.randomUUID();
        // millisecond precision: what TIMESTAMP(3) keeps, so Redis and MariaDB show the same instants
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MDC.put("jobId", jobId.toString());
        try {
            requireBroker();
            JobEntity job = queued(jobId, kind, now);
            job.plannedDogId = plannedDogId == null ? null : plannedDogId.toString();
            job.requestJson = requestJson;
            recordQueued(job);
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

    /**
     * Submits a job of a kind that runs one at a time (it has no photos), refused with 503 like {@link #submit}
     * while the broker or Redis is out, and recorded in Redis before it is stored.
     *
     * @param message the job's message, from its id and submission time
     * @return empty when a job of this kind is queued or running (nothing is stored)
     */
    public Optional<JobAccepted> submitExclusive(JobKind kind, BiFunction<UUID, Instant, JobRequest> message) {
        UUID jobId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MDC.put("jobId", jobId.toString());
        try {
            requireBroker();
            try {
                if (store.exclusiveSlotTaken(kind)) {
                    return Optional.empty();
                }
            } catch (RuntimeException e) {
                throw unavailable("The database is not available", e);
            }
            JobEntity job = queued(jobId, kind, now);
            recordQueued(job);
            boolean stored;
            try {
                stored = store.createExclusive(job, message.apply(jobId, now));
            } catch (RuntimeException e) {
                forget(jobId);
                throw unavailable("The database is not available", e);
            }
            if (!stored) {
                // another replica's request took the slot between the check and the insert
                forget(jobId);
                return Optional.empty();
            }
            LOG.infof("%s job queued", kind);
            metrics.counter("noseid.jobs.submitted", "type", kind.name()).increment();
            return Optional.of(JobAccepted.queued(jobId, kind));
        } finally {
            MDC.remove("jobId");
        }
    }

    /**
     * Queues a job of a kind that runs one at a time inside the caller's transaction, which stores it and its
     * message or nothing (an automatic adaptation started by the registration result that made it due). The job is
     * recorded in Redis before that transaction commits, and so before its message is published; a Redis outage
     * fails the caller's transaction (which is applied again once Redis is back), and a transaction that does not
     * commit takes the Redis record back.
     *
     * @return the job's id, or empty when a job of this kind is queued or running (nothing is stored)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> queueExclusive(JobKind kind, BiFunction<UUID, Instant, JobRequest> message) {
        if (store.exclusiveSlotTaken(kind)) {
            return Optional.empty();
        }
        UUID jobId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JobEntity job = queued(jobId, kind, now);
        if (!store.createExclusive(job, message.apply(jobId, now))) {
            return Optional.empty();
        }
        uncommitted.fire(new Uncommitted(jobId));
        progress.write(JobSnapshot.of(job));
        metrics.counter("noseid.jobs.submitted", "type", kind.name()).increment();
        return Optional.of(jobId);
    }

    /** A job recorded in Redis inside a transaction that has not committed yet. */
    record Uncommitted(UUID jobId) {
    }

    void forgetRolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) Uncommitted job) {
        forget(job.jobId());
    }

    private void requireBroker() {
        if (!publisher.brokerAvailable()) {
            throw unavailable("The message broker is not available", null);
        }
    }

    /** Redis first: once the job is stored it will run, and a client must be able to follow it. */
    private void recordQueued(JobEntity job) {
        try {
            progress.write(JobSnapshot.of(job));
        } catch (RuntimeException e) {
            throw unavailable("The job status store is not available", e);
        }
    }

    private static JobEntity queued(UUID jobId, JobKind kind, Instant now) {
        JobEntity job = new JobEntity();
        job.id = jobId.toString();
        job.type = kind;
        job.status = JobStatus.QUEUED;
        job.progress = 0;
        job.createdAt = now;
        job.updatedAt = now;
        return job;
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
