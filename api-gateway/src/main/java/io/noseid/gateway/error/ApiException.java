package io.noseid.gateway.error;

import java.util.List;

/** A failure that answers with a problem document; thrown by services, mapped by {@link ProblemMapper}. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of(), null, null);
    }

    public ApiException(ErrorCode code, String detail, Throwable cause) {
        this(code, detail, List.of(), null, cause);
    }

    public ApiException(ErrorCode code, String detail, List<FieldError> errors) {
        this(code, detail, errors, null, null);
    }

    public ApiException(ErrorCode code, String detail, List<FieldError> errors, Integer retryAfterSeconds,
                        Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
