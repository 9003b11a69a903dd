package io.noseid.gateway.photo;

import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.error.RouteProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared length exceeds the upload limit before its body is read, with the contract's
 * PHOTO_TOO_LARGE problem instead of the HTTP layer's bare 413. A chunked request has no declared length: a timer
 * watches how much of it was read and answers the same problem, then closes the connection, once it passes the
 * limit. The HTTP layer's own limit ({@code quarkus.http.limits.max-body-size}) sits far above, as a backstop only:
 * it answers with an empty 413 of its own.
 */
@ApplicationScoped
public class RequestSizeGuard {

    /** Runs after the API key and rate-limit guard, before any body is read. */
    public static final int ORDER = Integer.MIN_VALUE + 10;
    /** How often the bytes read of a chunked upload are looked at. */
    static final long CHUNKED_CHECK_MILLIS = 5;

    private final long maxRequestBytes;

    public RequestSizeGuard(NoseIdConfig config) {
        this.maxRequestBytes = config.upload().maxRequestBytes();
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(ORDER).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length)) {
                tooLarge(ctx, maxRequestBytes);
                return;
            }
            if (length == null && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                watchChunkedUpload(ctx);
            }
            ctx.next();
        });
    }

    private void watchChunkedUpload(RoutingContext ctx) {
        long timer = ctx.vertx().setPeriodic(CHUNKED_CHECK_MILLIS, id -> {
            if (ctx.response().ended() || ctx.request().isEnded()) {
                ctx.vertx().cancelTimer(id);
            } else if (ctx.request().bytesRead() > maxRequestBytes) {
                ctx.vertx().cancelTimer(id);
                // answered with Connection: close, so the rest of the body is never read
                tooLarge(ctx, maxRequestBytes);
            }
        });
        ctx.addEndHandler(ended -> ctx.vertx().cancelTimer(timer));
    }

    static void tooLarge(RoutingContext ctx, long maxRequestBytes) {
        RouteProblems.send(ctx, ErrorCode.PHOTO_TOO_LARGE, "The request is larger than " + maxRequestBytes
                + " bytes: at most 5 nose photos and 1 profile photo of 15 MiB each", null);
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxRequestBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
