package io.noseid.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.gateway.job.JobEntity;
import io.noseid.shared.JobRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Job messages leave through a transactional outbox, so that a job that was answered 202 is always published and a
 * job that was refused never is. A message is stored in the same transaction as its job ({@link #add}); after the
 * commit it is published at once and its row removed on the broker's confirm. A row whose confirm did not come (the
 * broker is out, the gateway died in between) is published again by {@link #relay}, on any replica, with back-off.
 * The workers are idempotent, so a message published twice (confirmed, but the row could not be removed) is
 * harmless, and the relay drops rows of jobs that already ended.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    /** Fired inside the storing transaction; observed after its commit. */
    public record Stored(JobRequest request) {
    }

    private final JobPublisher publisher;
    private final ObjectMapper mapper;
    private final EntityManager entities;
    private final Event<Stored> stored;
    private final NoseIdConfig.Outbox config;
    private final MeterRegistry metrics;

    public Outbox(JobPublisher publisher, ObjectMapper mapper, EntityManager entities, Event<Stored> stored,
                  NoseIdConfig config, MeterRegistry metrics) {
        this.publisher = publisher;
        this.mapper = mapper;
        this.entities = entities;
        this.stored = stored;
        this.config = config.outbox();
        this.metrics = metrics;
    }

    /** Stores the message with the caller's transaction; it is published once that transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(JobRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutboxEntity row = new OutboxEntity();
        row.messageId = request.jobId().toString();
        row.jobType = request.type().name();
        row.payload = toJson(request);
        row.attempts = 0;
        row.createdAt = now;
        // the inline publish after the commit comes first; the relay only takes what it left behind
        row.nextAttemptAt = now.plus(config.inlineConfirmTimeout()).plus(config.relayInterval());
        row.persist();
        stored.fire(new Stored(request));
    }

    void publishAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Stored event) {
        JobRequest request = event.request();
        try {
            publisher.publish(request, config.inlineConfirmTimeout());
        } catch (JobPublisher.PublishException e) {
            LOG.warnf("Job message not confirmed yet (%s); the outbox relay will publish it", e.getMessage());
            metrics.counter("noseid.outbox.deferred").increment();
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> OutboxEntity.deleteById(request.jobId().toString()));
        } catch (RuntimeException e) {
            // published and confirmed: at worst the relay publishes it once more, which the workers tolerate
            LOG.warnf("Confirmed job message stays in the outbox for now: %s", e.getMessage());
        }
    }

    /** Publishes what the broker has not confirmed yet; one replica takes a row at a time (SKIP LOCKED). */
    @Scheduled(every = "${noseid.outbox.relay-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            int published;
            do {
                published = QuarkusTransaction.requiringNew().call(this::relayBatch);
            } while (published == config.relayBatchSize());
        } catch (RuntimeException e) {
            LOG.debugf("Outbox relay could not run: %s", e.getMessage());
        }
    }

    /** @return how many rows were published; stops at the first the broker does not confirm */
    @SuppressWarnings("unchecked")
    int relayBatch() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<OutboxEntity> due = entities.createNativeQuery("SELECT * FROM outbox WHERE next_attempt_at <= ?1 "
                        + "ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED", OutboxEntity.class)
                .setParameter(1, now)
                .setParameter(2, config.relayBatchSize())
                .getResultList();
        int published = 0;
        for (OutboxEntity row : due) {
            JobEntity job = JobEntity.findById(row.messageId);
            if (job != null && job.status.isFinal()) {
                row.delete();
                continue;
            }
            JobRequest request = fromJson(row.payload);
            try {
                publisher.publish(request, config.inlineConfirmTimeout());
                row.delete();
                published++;
                metrics.counter("noseid.outbox.relayed").increment();
                LOG.infof("Outbox relay published %s message %s after %d earlier attempt(s)", row.jobType,
                        row.messageId, row.attempts);
            } catch (JobPublisher.PublishException e) {
                row.attempts++;
                row.nextAttemptAt = now.plus(backOff(row.attempts));
                LOG.warnf("Outbox relay: %s message %s still not confirmed (attempt %d): %s", row.jobType,
                        row.messageId, row.attempts, e.getMessage());
                break;
            }
        }
        return published;
    }

    private Duration backOff(int attempts) {
        Duration wait = config.relayInterval().multipliedBy(1L << Math.min(attempts, 10));
        return wait.compareTo(config.relayMaxBackOff()) > 0 ? config.relayMaxBackOff() : wait;
    }

    private String toJson(JobRequest request) {
        try {
            return mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JobRequest not serialisable", e);
        }
    }

    private JobRequest fromJson(String payload) {
        try {
            return mapper.readValue(payload, JobRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox row is not a JobRequest", e);
        }
    }
}
