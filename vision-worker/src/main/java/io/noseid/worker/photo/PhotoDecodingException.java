package io.noseid.worker.photo;

/** The uploaded bytes are not a photo OpenCV can decode (JPEG, PNG or WebP). */
public class PhotoDecodingException extends RuntimeException {

    public PhotoDecodingException(String message) {
        super(message);
    }
}
