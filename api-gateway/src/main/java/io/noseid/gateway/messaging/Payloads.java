package io.noseid.gateway.messaging;

import java.nio.charset.StandardCharsets;

/** The raw body of an incoming message, whatever payload type the connector chose for its content type. */
final class Payloads {

    private Payloads() {
    }

    static byte[] bytes(Object payload) {
        return switch (payload) {
            case null -> new byte[0];
            case byte[] b -> b;
            case String s -> s.getBytes(StandardCharsets.UTF_8);
            case io.vertx.core.buffer.Buffer b -> b.getBytes();
            case io.vertx.mutiny.core.buffer.Buffer b -> b.getBytes();
            case io.vertx.core.json.JsonObject j -> j.toBuffer().getBytes();
            case io.vertx.core.json.JsonArray j -> j.toBuffer().getBytes();
            default -> payload.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
