package io.noseid.worker.messaging;

import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Sends JSON as a persistent message and completes only when the broker confirmed it (publisher confirms on). */
public final class RabbitPublisher {

    private static final int PERSISTENT = 2;

    private RabbitPublisher() {
    }

    public static CompletionStage<Void> publishConfirmed(Emitter<String> emitter, String routingKey, String messageId,
                                                         String json) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(routingKey)
                .withContentType("application/json")
                .withContentEncoding("UTF-8")
                .withDeliveryMode(PERSISTENT)
                .withMessageId(messageId)
                .withCorrelationId(messageId)
                .build();
        Message<String> message = Message.of(json, Metadata.of(metadata))
                .withAck(() -> {
                    confirmed.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    confirmed.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return confirmed;
    }
}
