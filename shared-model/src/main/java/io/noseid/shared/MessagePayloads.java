package io.noseid.shared;

import java.nio.charset.StandardCharsets;

/**
 * The body of an incoming message, whatever payload type the RabbitMQ connector chose for its content type, read the
 * same way by both services: {@code null} is an empty body; {@code String} and {@code byte[]} (UTF-8) are taken as
 * they are; any other type (the connector's Vert.x buffers and JSON values) by its {@code toString()}, which renders
 * their content. What the body means is the caller's to decide (an empty or unreadable body fails its parsing).
 */
public final class MessagePayloads {

    private MessagePayloads() {
    }

    public static String text(Object payload) {
        return switch (payload) {
            case null -> "";
            case String text -> text;
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            default -> payload.toString();
        };
    }

    public static byte[] bytes(Object payload) {
        return switch (payload) {
            case null -> new byte[0];
            case byte[] bytes -> bytes;
            default -> text(payload).getBytes(StandardCharsets.UTF_8);
        };
    }
}
