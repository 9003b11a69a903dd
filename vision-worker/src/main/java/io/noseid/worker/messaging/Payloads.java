package io.noseid.worker.messaging;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;

/** The RabbitMQ connector hands payloads over as String, byte[], Buffer or JSON depending on the content type. */
public final class Payloads {

    private Payloads() {
    }

    public static String asText(Object payload) {
        return switch (payload) {
            case String text -> text;
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case Buffer buffer -> buffer.toString(StandardCharsets.UTF_8);
            case JsonObject json -> json.encode();
            case JsonArray json -> json.encode();
            case io.vertx.mutiny.core.buffer.Buffer buffer -> buffer.toString(StandardCharsets.UTF_8.name());
            default -> throw new IllegalArgumentException("Unexpected payload type " + payload.getClass().getName());
        };
    }
}
