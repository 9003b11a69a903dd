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
    /** A body that cannot be parsed: broken multipart, a photo part without a file name. */
    MALFORMED_REQUEST(400, "Malformed request"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    URI_TOO_LONG(414, "Request target too long"),
    /** A matcher adaptation was asked for while another one is queued or running. */
    ADAPTATION_RUNNING(409, "A matcher adaptation is already running"),
    /** Only for a defect of the gateway itself, never for anything a client sent. */
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
