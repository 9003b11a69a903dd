package io.noseid.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobType;
import io.noseid.shared.Queues;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes job requests persistent, as JSON, and returns only once the broker confirmed them (the channels run with
 * publisher confirms, so the message's ack is the confirm).
 */
@ApplicationScoped
public class JobPublisher {

    static final int PERSISTENT = 2;

    @Inject
    @Channel("registrations-out")
    Emitter<byte[]> registrations;

    @Inject
    @Channel("identifications-out")
    Emitter<byte[]> identifications;

    @Inject
    ObjectMapper mapper;

    @Inject
    NoseIdConfig config;

    /** Registrations and removals share a queue so that every gallery write is ordered. */
    public static String queueFor(JobType type) {
        return type == JobType.IDENTIFICATION ? Queues.IDENTIFICATIONS : Queues.REGISTRATIONS;
    }

    /** @throws PublishException when the broker did not confirm in time or refused the message */
    public void publish(JobRequest request) {
        byte[] body;
        try {
            body = mapper.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JobRequest not serialisable", e);
        }
        String queue = queueFor(request.type());
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(queue)
                .withDeliveryMode(PERSISTENT)
                .withContentType("application/json")
                .withContentEncoding("UTF-8")
                .withMessageId(request.jobId().toString())
                .withCorrelationId(request.jobId().toString())
                .withType(request.type().name())
                .withTimestamp(request.submittedAt().atZone(ZoneOffset.UTC))
                .build();
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        Message<byte[]> message = Message.of(body, Metadata.of(metadata),
                () -> {
                    confirmed.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    confirmed.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        Emitter<byte[]> emitter = request.type() == JobType.IDENTIFICATION ? identifications : registrations;
        try {
            emitter.send(message);
            confirmed.get(config.jobs().publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("Interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw new PublishException("The broker refused the job message", e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException("The broker did not confirm the job message in time", e);
        } catch (RuntimeException e) {
            throw new PublishException("The job message could not be sent", e);
        }
    }

    public static class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
