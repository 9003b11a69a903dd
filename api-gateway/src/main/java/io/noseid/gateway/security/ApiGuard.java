package io.noseid.gateway.security;

import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.error.RouteProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The first handler of every {@code /api} request, on the HTTP layer before any routing or body reading: the
 * request target's length, the X-API-Key, then the per-key and per-address limits. So an unauthenticated client
 * learns nothing about which paths or methods exist (401 before 404 or 405) and cannot make the gateway read an
 * upload body. The key's role is left in the routing context for {@link Caller}.
 */
@ApplicationScoped
public class ApiGuard {

    public static final String HEADER = "X-API-Key";
    /** Before {@code RequestSizeGuard}: a request without a valid key is refused whatever its size. */
    public static final int ORDER = Integer.MIN_VALUE + 5;
    static final String ROLE = "noseid.api-role";

    private final ApiKeyRegistry registry;
    private final RateLimiter rateLimiter;
    private final int maxUriLength;
    private final long maxRequestBytes;

    public ApiGuard(ApiKeyRegistry registry, RateLimiter rateLimiter, NoseIdConfig config) {
        this.registry = registry;
        this.rateLimiter = rateLimiter;
        this.maxUriLength = config.http().maxUriLength();
        this.maxRequestBytes = config.upload().maxRequestBytes();
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(ORDER).handler(this::guard);
    }

    void guard(RoutingContext ctx) {
        if (ctx.request().uri().length() > maxUriLength) {
            RouteProblems.send(ctx, ErrorCode.URI_TOO_LONG,
                    "The request target is longer than " + maxUriLength + " characters", null);
            return;
        }
        String presented = ctx.request().getHeader(HEADER);
        Optional<ApiKeyRegistry.KeyEntry> key = registry.lookup(presented);
        if (key.isEmpty()) {
            RouteProblems.send(ctx, ErrorCode.UNAUTHORIZED, presented == null || presented.isEmpty()
                    ? "Send your API key in the X-API-Key header" : "The API key is not valid", null);
            return;
        }
        String keyId = key.get().id();
        String address = clientAddress(ctx);
        long uploadBytes = uploadBytes(ctx);
        OptionalLong wait = rateLimiter.tryAcquire(keyId, address, uploadBytes);
        if (wait.isPresent()) {
            RouteProblems.send(ctx, ErrorCode.RATE_LIMITED,
                    "Too many requests or too much uploaded from this key or address; retry later",
                    wait.getAsLong());
            return;
        }
        if (uploadBytes == RateLimiter.UNDECLARED) {
            ctx.addEndHandler(ended -> rateLimiter.chargeUpload(keyId, address, ctx.request().bytesRead()));
        }
        ctx.put(ROLE, key.get().role());
        ctx.next();
    }

    /** What the request declares it uploads, or {@link RateLimiter#UNDECLARED} for a chunked upload. */
    private long uploadBytes(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            return 0;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) == null ? 0 : RateLimiter.UNDECLARED;
        }
        try {
            return Math.max(0, Math.min(maxRequestBytes, Long.parseLong(length.trim())));
        } catch (NumberFormatException e) {
            return maxRequestBytes;
        }
    }

    /** The peer's address; behind a proxy, Quarkus puts the forwarded client's there when configured to. */
    private static String clientAddress(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null || remote.host() == null ? "unknown" : remote.host();
    }
}
