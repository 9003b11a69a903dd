package io.noseid.worker.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.JobType;
import io.noseid.shared.Queues;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes the job queues. A job message is acknowledged only after its result was confirmed by the broker, so a
 * worker that dies mid-job (even kill -9) leaves the message unacknowledged and RabbitMQ hands it to another replica.
 * A failing job is requeued; the quorum queue's delivery limit sends it to the dead-letter queue after a few attempts,
 * where the gateway marks it FAILED.
 */
@ApplicationScoped
public class JobConsumers {

    private static final Logger LOG = Logger.getLogger(JobConsumers.class);

    @Inject
    JobHandler handler;
    @Inject
    RedisProgress progress;
    @Inject
    ObjectMapper mapper;
    @Inject
    WorkerIdentity identity;
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
        MDC.put("jobId", request.jobId().toString());
        Timer.Sample timing = Timer.start(meters);
        try {
            LOG.infof("%s job started (%d photos)", request.type(), request.photos().size());
            if (request.type() != JobType.REMOVAL) {
                progress.running(request.jobId());
            }
            Optional<JobResult> result;
            try {
                result = handler.handle(request);
            } catch (StoredPhotos.MissingPhotoException e) {
                // Retrying cannot bring the photo back: answer FAILED at once.
                result = Optional.of(JobResult.failure(request.jobId(), request.type(), "PHOTO_MISSING",
                        e.getMessage(), identity.id()));
            }
            if (result.isEmpty()) {
                timing.stop(meters.timer("noseid.worker.jobs", "type", request.type().name(), "outcome", "DONE"));
                return message.ack();
            }
            JobResult answer = result.get();
            String outcome = answer.failed() ? answer.errorCode() : answer.outcome().name();
            timing.stop(meters.timer("noseid.worker.jobs", "type", request.type().name(), "outcome", outcome));
            LOG.infof("%s job ended: %s", request.type(), outcome);
            return RabbitPublisher.publishConfirmed(results, Queues.RESULTS, request.jobId().toString(),
                            mapper.writeValueAsString(answer))
                    .handle((confirmed, failure) -> failure)
                    .thenCompose(failure -> failure == null ? message.ack() : message.nack(failure));
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.errorf(e, "%s job failed; it will be retried up to the queue's delivery limit", request.type());
            meters.counter("noseid.worker.job.failures", "type", request.type().name()).increment();
            return message.nack(e).thenCompose(ignored -> CompletableFuture.completedFuture(null));
        } finally {
            MDC.remove("jobId");
        }
    }
}
