package io.noseid.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobType;
import io.noseid.shared.Queues;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes job requests persistent, as JSON, and returns only once the broker confirmed them (the channels run with
 * publisher confirms, so the message's ack is the confirm). Messages reach it only through the {@link Outbox}.
 */
@ApplicationScoped
public class JobPublisher {

    static final int PERSISTENT = 2;

    static final String REGISTRATIONS_CHANNEL = "registrations-out";
    static final String IDENTIFICATIONS_CHANNEL = "identifications-out";

    @Inject
    @Channel(REGISTRATIONS_CHANNEL)
    Emitter<byte[]> registrations;

    @Inject
    @Channel(IDENTIFICATIONS_CHANNEL)
    Emitter<byte[]> identifications;

    @Inject
    ObjectMapper mapper;

    /**
     * Registrations and removals share a queue so that every gallery write is ordered; adaptations have their own,
     * so that registrations go on while one runs.
     */
    public static String queueFor(JobType type) {
        return switch (type) {
            case IDENTIFICATION -> Queues.IDENTIFICATIONS;
            case ADAPTATION -> Queues.ADAPTATIONS;
            case REGISTRATION, REMOVAL -> Queues.REGISTRATIONS;
        };
    }

    @Inject
    HealthCenter health;

    /**
     * Whether the broker connection of the job channels is up, as readiness reports it: a request is refused at once
     * while it is down instead of being stored for a broker nobody knows will come back soon.
     */
    public boolean brokerAvailable() {
        return health.getReadiness().getChannels().stream()
                .filter(c -> c.getChannel().equals(REGISTRATIONS_CHANNEL) || c.getChannel().equals(IDENTIFICATIONS_CHANNEL))
                .allMatch(HealthReport.ChannelInfo::isOk);
    }

    /**
     * Publishes and waits for the broker's confirm. Only {@link Outbox} calls this: a message is always stored
     * before it is sent.
     *
     * @throws PublishException when the broker did not confirm within {@code timeout} or refused the message
     */
    void publish(JobRequest request, Duration timeout) {
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
        // both channels publish to the jobs exchange; the routing key above picks the queue
        Emitter<byte[]> emitter = request.type() == JobType.IDENTIFICATION ? identifications : registrations;
        try {
            emitter.send(message);
            confirmed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
