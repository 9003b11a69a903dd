package io.noseid.gateway.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Requeues a message that could not be applied, after a pause so that an outage does not become a hot loop. */
final class Redelivery {

    private static final long PAUSE_MILLIS = 1000;

    private Redelivery() {
    }

    /** Runs on a worker thread (the consumers are @Blocking), never on the event loop. */
    static CompletionStage<Void> later(Message<?> message, Throwable failure) {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return message.nack(failure);
    }
}
