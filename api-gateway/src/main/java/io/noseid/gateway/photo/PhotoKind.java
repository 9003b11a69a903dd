package io.noseid.gateway.photo;

public enum PhotoKind {
    NOSE,
    PROFILE
}
