package io.noseid.gateway.security;

import io.noseid.gateway.error.ApiException;
import io.noseid.gateway.error.ErrorCode;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling: the role {@link ApiGuard} found for the request's API key. */
@RequestScoped
public class Caller {

    private final CurrentVertxRequest request;

    public Caller(CurrentVertxRequest request) {
        this.request = request;
    }

    public boolean isAdmin() {
        return request.getCurrent() != null && request.getCurrent().get(ApiGuard.ROLE) == ApiRole.ADMIN;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This operation needs an admin key");
        }
    }
}
