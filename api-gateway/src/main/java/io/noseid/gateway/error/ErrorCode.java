package io.noseid.gateway.error;

/** The stable machine-readable codes of the public contract, with the HTTP status each one answers. */
public enum ErrorCode {
    PHOTO_COUNT(400, "Wrong number of photos"),
    UNSUPPORTED_MEDIA(415, "Unsupported photo format"),
    PHOTO_TOO_LARGE(413, "Photo too large"),
    FIELD_INVALID(400, "Invalid field"),
    JOB_NOT_FOUND(404, "Job not found"),
    DOG_NOT_FOUND(404, "Dog not found"),
    UNAUTHORIZED(401, "Missing or invalid API key"),
    FORBIDDEN(403, "Not allowed for this API key"),
    RATE_LIMITED(429, "Too many requests"),
    SERVICE_UNAVAILABLE(503, "Service temporarily unavailable"),
    /** Not in the contract's list: an unknown path or a malformed request that is none of the above. */
    NOT_FOUND(404, "Not found"),
    BAD_REQUEST(400, "Bad request"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    INTERNAL_ERROR(500, "Internal error");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem {@code type} URI: a stable identifier, not necessarily dereferenceable. */
    public String type() {
        return "https://noseid.io/problems/" + name().toLowerCase().replace('_', '-');
    }
}
