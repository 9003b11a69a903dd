package io.noseid.gateway.photo;

/** An uploaded photo that passed every check, ready to be stored. */
public record ValidatedPhoto(PhotoKind kind, int index, ImageHeader header, byte[] data, String sha256) {
}
