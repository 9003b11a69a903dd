package io.noseid.gateway.error;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Builds problem responses, also for filters that answer before a resource runs. */
public final class Problems {

    private Problems() {
    }

    public static Response response(ErrorCode code, String detail) {
        return response(code, detail, List.of(), null);
    }

    public static Response response(ErrorCode code, String detail, List<FieldError> errors, Integer retryAfter) {
        Response.ResponseBuilder builder = Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, detail, errors));
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return builder.build();
    }

    public static Response response(ApiException e) {
        return response(e.code(), e.getMessage(), e.errors(), e.retryAfterSeconds());
    }
}
