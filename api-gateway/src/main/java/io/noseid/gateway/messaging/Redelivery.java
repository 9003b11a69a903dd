package io.noseid.gateway.messaging;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Requeues a message that could not be applied, after a pause so that an outage does not become a hot loop. */
final class Redelivery {

    private static final Duration PAUSE = Duration.ofSeconds(1);

    private Redelivery() {
    }

    /** The pause is a timer, not a sleep: no worker thread is held while the outage lasts. */
    static CompletionStage<Void> later(Message<?> message, Throwable failure) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(PAUSE)
                .subscribeAsCompletionStage()
                .thenCompose(ignored -> message.nack(failure));
    }
}
