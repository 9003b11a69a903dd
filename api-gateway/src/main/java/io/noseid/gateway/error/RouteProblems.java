package io.noseid.gateway.error;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem responses written on the HTTP layer, before any resource runs (request guards, failure handlers): the
 * same document as {@link Problems} builds for resources.
 */
public final class RouteProblems {

    private RouteProblems() {
    }

    /**
     * Ends the exchange with a problem. When the request's body was not read, the connection is closed after the
     * answer: the unread body would otherwise be parsed as the next request.
     */
    public static void send(RoutingContext ctx, ErrorCode code, String detail, Long retryAfterSeconds) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        JsonObject problem = new JsonObject()
                .put("type", code.type())
                .put("title", code.title())
                .put("status", code.status())
                .put("detail", detail)
                .put("code", code.name())
                .put("errors", new JsonArray());
        ctx.response().setStatusCode(code.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (retryAfterSeconds != null) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        if (hasUnreadBody(ctx) && ctx.request().version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().end(problem.encode());
    }

    private static boolean hasUnreadBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !"0".equals(length.trim()))
                || ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }
}
