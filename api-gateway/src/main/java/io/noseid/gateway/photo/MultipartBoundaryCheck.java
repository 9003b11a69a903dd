package io.noseid.gateway.photo;

import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.error.RouteProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a multipart request whose boundary the body could never be split by (missing, empty, sent twice, longer
 * than RFC 2046's 70 characters or made of characters it does not allow) before its body is read: the multipart
 * parser would otherwise fail on it with an exception of its own, or read the whole upload for nothing.
 */
@ApplicationScoped
public class MultipartBoundaryCheck {

    /** After the API key and the size guard, before any body is read. */
    public static final int ORDER = RequestSizeGuard.ORDER + 1;
    private static final Pattern BOUNDARY_PARAMETER = Pattern.compile("(?i);\\s*boundary\\s*=\\s*(\"([^\"]*)\"|[^;]*)");
    /** RFC 2046 bchars; a boundary may contain spaces but not end with one. */
    private static final Pattern VALID_BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");

    void install(@Observes Router router) {
        router.route("/api/*").order(ORDER).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            Optional<String> problem = boundaryProblem(contentType);
            if (problem.isPresent()) {
                RouteProblems.send(ctx, ErrorCode.MALFORMED_REQUEST, problem.get(), null);
                return;
            }
        }
        ctx.next();
    }

    /** What is wrong with the boundary of a multipart Content-Type, if anything. */
    static Optional<String> boundaryProblem(String contentType) {
        Matcher m = BOUNDARY_PARAMETER.matcher(contentType);
        if (!m.find()) {
            return Optional.of("The multipart Content-Type has no boundary parameter");
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(1).trim();
        if (m.find()) {
            return Optional.of("The multipart Content-Type has more than one boundary parameter");
        }
        if (boundary.startsWith("\"")) {
            return Optional.of("The multipart boundary has an unterminated quote");
        }
        if (!VALID_BOUNDARY.matcher(boundary).matches()) {
            return Optional.of("The multipart boundary must be 1 to 70 characters allowed by RFC 2046");
        }
        return Optional.empty();
    }
}
