package io.noseid.worker.jobs;

import io.noseid.shared.OutageRetry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.JobType;
import io.noseid.shared.Queues;
import io.noseid.shared.TransientFailures;
import io.smallrye.mutiny.Uni;
import io.noseid.worker.messaging.Payloads;
import io.noseid.worker.messaging.RabbitPublisher;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Consumes the job queues. A job message is acknowledged only after its result was confirmed by the broker, so a
 * worker that dies mid-job (even kill -9) leaves the message unacknowledged and RabbitMQ hands it to another replica.
 * A job that fails because the database, Redis or the broker is out is run again with back-off ({@link OutageRetry})
 * while its message stays unacknowledged; a job that fails on its own is requeued, and the quorum queue's delivery
 * limit sends it to the dead-letter queue after a few attempts, where the gateway marks it FAILED.
 */
@ApplicationScoped
public class JobConsumers {

    private static final Logger LOG = Logger.getLogger(JobConsumers.class);
    private static final long CONFIRM_TIMEOUT_SECONDS = 30;

    @Inject
    JobHandler handler;
    @Inject
    RedisProgress progress;
    @Inject
    ObjectMapper mapper;
    @Inject
    WorkerIdentity identity;
    @Inject
    OutageRetry retry;
    @Inject
    MeterRegistry meters;
    @Inject
    @Channel("results")
    Emitter<String> results;

    /** Registrations and removals, one at a time: the queue has a single active consumer over all replicas. */
    @Incoming("registrations")
    @Blocking(ordered = true)
    public CompletionStage<Void> onRegistration(Message<?> message) {
        return process(message);
    }

    /** Matcher adaptations, one at a time over all replicas, beside registrations. */
    @Incoming("adaptations")
    @Blocking(value = "adaptations", ordered = true)
    public CompletionStage<Void> onAdaptation(Message<?> message) {
        return process(message);
    }

    /** Identifications run in parallel, on every replica. */
    @Incoming("identifications")
    @Blocking(ordered = false)
    public CompletionStage<Void> onIdentification(Message<?> message) {
        return process(message);
    }

    CompletionStage<Void> process(Message<?> message) {
        JobRequest request;
        try {
            request = mapper.readValue(Payloads.asText(message.getPayload()), JobRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.errorf("Unreadable job message, sending it towards the dead-letter queue: %s", e.getMessage());
            return message.nack(e);
        }
        String jobId = request.jobId().toString();
        Timer.Sample timing = Timer.start(meters);
        return retry.run(request.type() + " job " + jobId, () -> withJobId(jobId, () -> run(request)))
                .chain(result -> result.isEmpty() ? Uni.createFrom().item(result)
                        : retry.run("Result of job " + jobId, () -> withJobId(jobId, () -> publish(result.get()))))
                .subscribeAsCompletionStage()
                .handle((result, failure) -> withJobId(jobId, () -> {
                    if (failure == null) {
                        String outcome = result.map(r -> r.failed() ? r.errorCode() : r.outcome().name())
                                .orElse("DONE");
                        timing.stop(meters.timer("noseid.worker.jobs", "type", request.type().name(), "outcome",
                                outcome));
                        LOG.infof("%s job ended: %s", request.type(), outcome);
                        return message.ack();
                    }
                    if (TransientFailures.isTransient(failure)) {
                        LOG.errorf("%s job still waits for a backing service after the retry budget: returned to "
                                + "the queue (%s)", request.type(), failure.toString());
                    } else {
                        LOG.errorf(failure, "%s job failed; it will be retried up to the queue's delivery limit",
                                request.type());
                    }
                    meters.counter("noseid.worker.job.failures", "type", request.type().name()).increment();
                    return message.nack(failure);
                }))
                .thenCompose(acknowledged -> acknowledged);
    }

    /** One run of the job; throws when a backing service is out (retried) or the job itself fails. */
    private Optional<JobResult> run(JobRequest request) {
        LOG.infof("%s job started (%d photos)", request.type(), request.photos().size());
        if (request.type() == JobType.REGISTRATION || request.type() == JobType.IDENTIFICATION
                || request.type() == JobType.ADAPTATION) {
            progress.running(request.jobId());
        }
        try {
            return handler.handle(request);
        } catch (StoredPhotos.MissingPhotoException e) {
            // Retrying cannot bring the photo back: answer FAILED at once.
            return Optional.of(JobResult.failure(request.jobId(), request.type(), JobErrorCode.PHOTO_MISSING.name(),
                    e.getMessage(), identity.id()));
        }
    }

    /** Publishes the answer and waits for the broker's confirm; a missing confirm counts as an outage. */
    private Optional<JobResult> publish(JobResult answer) {
        try {
            RabbitPublisher.publishConfirmed(results, Queues.RESULTS, answer.jobId().toString(),
                    mapper.writeValueAsString(answer)).toCompletableFuture().get(CONFIRM_TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
            return Optional.of(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JobResult not serialisable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the result", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker refused the result", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The broker did not confirm the result", e);
        }
    }

    private static <T> T withJobId(String jobId, Supplier<T> step) {
        MDC.put("jobId", jobId);
        try {
            return step.get();
        } finally {
            MDC.remove("jobId");
        }
    }
}
