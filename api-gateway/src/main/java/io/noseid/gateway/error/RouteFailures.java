package io.noseid.gateway.error;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Failures raised on the HTTP layer under {@code /api} (outside any resource's exception mapping) answer a problem
 * with a contract code instead of an empty body. A failure after the answer was already sent (the client kept
 * uploading past the size limit it had been told about) is the end of that exchange, not an error of the gateway.
 */
@ApplicationScoped
public class RouteFailures {

    private static final Logger LOG = Logger.getLogger(RouteFailures.class);

    private static final Map<Integer, ErrorCode> BY_STATUS = Map.of(
            400, ErrorCode.MALFORMED_REQUEST,
            404, ErrorCode.NOT_FOUND,
            405, ErrorCode.METHOD_NOT_ALLOWED,
            413, ErrorCode.PHOTO_TOO_LARGE,
            414, ErrorCode.URI_TOO_LONG,
            415, ErrorCode.UNSUPPORTED_MEDIA);

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            LOG.debugf("Request %s failed after its answer was sent: %s", ctx.normalizedPath(),
                    ctx.failure() == null ? ctx.statusCode() : ctx.failure().toString());
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.request().connection().close();
            }
            return;
        }
        ErrorCode code = BY_STATUS.get(ctx.statusCode());
        if (code == null) {
            ctx.next();
            return;
        }
        RouteProblems.send(ctx, code, code.title(), null);
    }
}
