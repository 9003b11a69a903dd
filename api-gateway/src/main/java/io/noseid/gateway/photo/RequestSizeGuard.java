package io.noseid.gateway.photo;

import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.error.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared length exceeds the upload limit before its body is read, with the contract's
 * PHOTO_TOO_LARGE problem instead of the HTTP layer's bare 413.
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
                ErrorCode code = ErrorCode.PHOTO_TOO_LARGE;
                JsonObject problem = new JsonObject()
                        .put("type", code.type())
                        .put("title", code.title())
                        .put("status", code.status())
                        .put("detail", "The request is larger than " + (maxRequestBytes >> 20)
                                + " MiB: at most 5 nose photos and 1 profile photo of 15 MiB each")
                        .put("code", code.name())
                        .put("errors", new JsonArray());
                ctx.response().setStatusCode(code.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem.encode());
                return;
            }
            ctx.next();
        });
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxRequestBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
