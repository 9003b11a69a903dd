package io.noseid.gateway.photo;

/** What the header of an image file says, read without decoding the pixels. */
public record ImageHeader(ImageFormat format, int width, int height) {

    public long pixels() {
        return (long) width * height;
    }
}
