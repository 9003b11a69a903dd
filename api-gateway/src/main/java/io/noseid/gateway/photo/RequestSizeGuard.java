package io.noseid.gateway.photo;

import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.error.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared length exceeds the upload limit before its body is read, with the contract's
 * PHOTO_TOO_LARGE problem instead of the HTTP layer's bare 413. A chunked request has no declared length: beyond
 * {@code quarkus.http.limits.max-body-size} the HTTP layer still answers it with a bare 413.
 */
@ApplicationScoped
public class RequestSizeGuard {

    private final long maxRequestBytes;

    public RequestSizeGuard(NoseIdConfig config) {
        this.maxRequestBytes = config.upload().maxRequestBytes();
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length)) {
                tooLarge(ctx);
                return;
            }
            ctx.next();
        });
    }

    private void tooLarge(RoutingContext ctx) {
        ErrorCode code = ErrorCode.PHOTO_TOO_LARGE;
        JsonObject problem = new JsonObject()
                .put("type", code.type())
                .put("title", code.title())
                .put("status", code.status())
                .put("detail", "The request is larger than " + maxRequestBytes
                        + " bytes: at most 5 nose photos and 1 profile photo of 15 MiB each")
                .put("code", code.name())
                .put("errors", new JsonArray());
        ctx.response().setStatusCode(code.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            // the unread body would otherwise be parsed as the next request; HTTP/2 forbids this header
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().end(problem.encode());
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxRequestBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
