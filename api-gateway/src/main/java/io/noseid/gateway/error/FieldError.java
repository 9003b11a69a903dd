package io.noseid.gateway.error;

public record FieldError(String field, String message) {
}
