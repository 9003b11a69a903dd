package io.noseid.gateway.security;

import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.error.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** X-API-Key authentication and per-key rate limiting for every /api resource; /q/* is not under /api. */
public class ApiKeyFilter {

    public static final String HEADER = "X-API-Key";

    @Inject
    ApiKeyRegistry registry;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    Caller caller;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        String presented = request.getHeaderString(HEADER);
        Optional<ApiKeyRegistry.KeyEntry> key = registry.lookup(presented);
        if (key.isEmpty()) {
            String detail = presented == null || presented.isEmpty()
                    ? "Send your API key in the X-API-Key header" : "The API key is not valid";
            return Optional.of(Problems.response(ErrorCode.UNAUTHORIZED, detail));
        }
        OptionalLong wait = rateLimiter.tryAcquire(key.get().id());
        if (wait.isPresent()) {
            return Optional.of(Problems.response(ErrorCode.RATE_LIMITED,
                    "Too many requests for this API key; retry later", List.of(), (int) wait.getAsLong()));
        }
        caller.authenticate(key.get().role());
        return Optional.empty();
    }
}
