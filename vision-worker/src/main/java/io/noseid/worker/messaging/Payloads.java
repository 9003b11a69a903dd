package io.noseid.worker.messaging;

import io.noseid.shared.MessagePayloads;

/** The text of an incoming message; null and unknown payloads as in the gateway ({@link MessagePayloads}). */
public final class Payloads {

    private Payloads() {
    }

    public static String asText(Object payload) {
        return MessagePayloads.text(payload);
    }
}
