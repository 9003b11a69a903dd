package io.noseid.gateway.job.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.StoredResult;
import io.noseid.gateway.photo.PhotoEntity;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.SQLRecoverableException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the worker's answers (and dead-lettered jobs) into the final state of a job; what a successful answer means
 * is each feature's {@link JobCompleter}. Idempotent: a job that is already final is left as it is, so a redelivered
 * result changes nothing. A job that ends, however, gives up its exclusive slot ({@link JobEntity#exclusiveSlot}) in
 * the same transaction. Answers the final snapshot, which the caller mirrors into Redis after the commit.
 */
@ApplicationScoped
public class JobCompletionService {

    private static final Logger LOG = Logger.getLogger(JobCompletionService.class);

    private final ObjectMapper mapper;
    private final Map<JobKind, JobCompleter> completers = new EnumMap<>(JobKind.class);
    private final MeterRegistry metrics;
    private final TransactionManager transactions;

    public JobCompletionService(ObjectMapper mapper, Instance<JobCompleter> completers, MeterRegistry metrics,
                                TransactionManager transactions) {
        this.mapper = mapper;
        completers.forEach(c -> this.completers.put(c.kind(), c));
        this.metrics = metrics;
        this.transactions = transactions;
    }

    @Transactional
    public Optional<JobSnapshot> complete(JobResult result) {
        Optional<JobSnapshot> completed = apply(result);
        requireDatabase();
        return completed;
    }

    private Optional<JobSnapshot> apply(JobResult result) {
        JobEntity job = JobEntity.findById(result.jobId().toString(), LockModeType.PESSIMISTIC_WRITE);
        requireDatabase();
        if (job == null) {
            LOG.infof("Result for a job this gateway does not know (%s, type %s); nothing to do",
                    result.jobId(), result.type());
            return Optional.empty();
        }
        if (job.status.isFinal()) {
            LOG.infof("Job already %s; duplicate result ignored", job.status);
            return Optional.of(JobSnapshot.of(job));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (result.failed()) {
            fail(job, result.errorCode(), result.errorDetail(), now);
            return Optional.of(JobSnapshot.of(job));
        }
        StoredResult stored;
        try {
            if (result.outcome() == null) {
                throw new JobCompleter.InvalidResultException("no outcome");
            }
            stored = completers.get(job.type).complete(job, result, now);
        } catch (JobCompleter.InvalidResultException e) {
            LOG.errorf("Worker answered %s for a %s job: %s", result.outcome(), job.type, e.getMessage());
            fail(job, JobFailure.INVALID_RESULT.name(), "The worker's answer did not fit the job; please submit again",
                    now);
            return Optional.of(JobSnapshot.of(job));
        }
        job.status = JobStatus.SUCCEEDED;
        job.progress = 1.0;
        job.resultJson = toJson(stored);
        job.requestJson = null; // the owner's contact data is no longer needed here
        job.exclusiveSlot = null; // the next job of a kind that runs one at a time may start
        job.updatedAt = now;
        LOG.infof("Job succeeded: %s", stored.outcome());
        metrics.counter("noseid.jobs.completed", "type", job.type.name(), "status", "SUCCEEDED",
                "outcome", stored.outcome().name()).increment();
        return Optional.of(JobSnapshot.of(job));
    }

    /** A job message that failed {@code Topology.DELIVERY_LIMIT} times: the job fails for good. */
    @Transactional
    public Optional<JobSnapshot> deadLettered(JobRequest request, String reason) {
        Optional<JobSnapshot> failed = applyDeadLetter(request, reason);
        requireDatabase();
        return failed;
    }

    private Optional<JobSnapshot> applyDeadLetter(JobRequest request, String reason) {
        JobEntity job = JobEntity.findById(request.jobId().toString(), LockModeType.PESSIMISTIC_WRITE);
        requireDatabase();
        if (job == null) {
            LOG.errorf("Dead-lettered %s job %s is unknown to the gateway (reason %s)", request.type(),
                    request.jobId(), reason);
            return Optional.empty();
        }
        if (job.status.isFinal()) {
            LOG.infof("Dead-lettered job was already %s; nothing to do", job.status);
            return Optional.of(JobSnapshot.of(job));
        }
        LOG.errorf("Job dead-lettered (reason %s): marking it FAILED", reason);
        fail(job, JobFailure.PROCESSING_FAILED.name(), completers.get(job.type).deadLetteredDetail(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return Optional.of(JobSnapshot.of(job));
    }

    /**
     * Hibernate answers a lookup that failed on a lost connection with null and only marks the transaction for
     * rollback, which then ends without an exception: a result would be taken for one of an unknown job (or of a
     * deleted dog) and acknowledged, and its job left RUNNING forever. Fail instead, so the message is redelivered.
     */
    private void requireDatabase() {
        try {
            if (transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                // a statement failed on a lost connection and Hibernate carried on with nothing found: an outage
                throw new IllegalStateException("The database failed during the transaction; the result will be "
                        + "applied again", new SQLRecoverableException("transaction marked for rollback"));
            }
        } catch (SystemException e) {
            throw new IllegalStateException("The transaction's state is unknown", e);
        }
    }

    private void fail(JobEntity job, String code, String detail, Instant now) {
        job.status = JobStatus.FAILED;
        job.errorCode = code;
        job.errorDetail = detail == null ? null : truncate(detail, 1000);
        job.requestJson = null;
        job.exclusiveSlot = null;
        job.updatedAt = now;
        PhotoEntity.deleteByJob(job.id);
        LOG.warnf("Job failed: %s", code);
        metrics.counter("noseid.jobs.completed", "type", job.type.name(), "status", "FAILED", "outcome", "NONE")
                .increment();
    }

    private String toJson(StoredResult result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
