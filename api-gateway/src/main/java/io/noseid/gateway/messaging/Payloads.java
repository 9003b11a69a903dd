package io.noseid.gateway.messaging;

import io.noseid.shared.MessagePayloads;

import java.nio.charset.StandardCharsets;

/** The raw body of an incoming message, whatever payload type the connector chose for its content type. */
final class Payloads {

    private Payloads() {
    }

    /** Null and unknown payloads as in the worker ({@link MessagePayloads}). */
    static byte[] bytes(Object payload) {
        return MessagePayloads.bytes(payload);
    }

    static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
