package io.noseid.gateway.security;

import io.noseid.gateway.error.ApiException;
import io.noseid.gateway.error.ErrorCode;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling, set by {@link ApiKeyFilter} for every /api request. */
@RequestScoped
public class Caller {

    private ApiRole role;

    void authenticate(ApiRole role) {
        this.role = role;
    }

    public boolean isAdmin() {
        return role == ApiRole.ADMIN;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This operation needs an admin key");
        }
    }
}
