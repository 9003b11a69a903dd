package io.noseid.gateway.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** RFC 9457 problem document with the contract's extension members {@code code} and {@code errors}. */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(String type, String title, int status, String detail, ErrorCode code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
        return new Problem(code.type(), code.title(), code.status(), detail, code, errors == null ? List.of() : errors);
    }
}
