package io.noseid.gateway.security;

import java.util.Locale;

public enum ApiRole {
    CLIENT,
    ADMIN;

    public static ApiRole parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
