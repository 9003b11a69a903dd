package io.noseid.gateway.photo;

import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.gateway.error.ApiException;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.error.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Count, size, format (by content) and pixel checks of uploaded photos; nothing is stored here. */
@ApplicationScoped
public class PhotoValidator {

    private final long maxBytes;
    private final long maxPixels;

    public PhotoValidator(NoseIdConfig config) {
        this.maxBytes = config.upload().maxPhotoBytes();
        this.maxPixels = config.upload().maxPixels();
    }

    public static void requireCount(String part, List<FileUpload> uploads, int min, int max) {
        int count = uploads == null ? 0 : uploads.size();
        if (count < min || count > max) {
            String expected = min == max ? "exactly " + min : min + " to " + max;
            throw new ApiException(ErrorCode.PHOTO_COUNT,
                    "Send " + expected + " '" + part + "' photo(s); got " + count,
                    List.of(new FieldError(part, "expected " + expected + " photo(s), got " + count)));
        }
    }

    public List<ValidatedPhoto> validate(String part, PhotoKind kind, List<FileUpload> uploads) {
        List<ValidatedPhoto> photos = new ArrayList<>();
        if (uploads == null) {
            return photos;
        }
        for (int i = 0; i < uploads.size(); i++) {
            FileUpload upload = uploads.get(i);
            if (upload == null || upload.uploadedFile() == null || upload.fileName() == null
                    || upload.fileName().isBlank()) {
                throw new ApiException(ErrorCode.MALFORMED_REQUEST,
                        "Part " + part + "[" + i + "] is not a file: send each photo as a file part with a file name",
                        List.of(new FieldError(part + "[" + i + "]", "must be a file part with a file name")));
            }
        }
        // sizes first: they need no reading and protect the rest of the checks
        for (int i = 0; i < uploads.size(); i++) {
            if (uploads.get(i).size() > maxBytes) {
                throw new ApiException(ErrorCode.PHOTO_TOO_LARGE,
                        "Photo " + part + "[" + i + "] is larger than " + (maxBytes >> 20) + " MiB",
                        List.of(new FieldError(part + "[" + i + "]", "at most " + maxBytes + " bytes")));
            }
        }
        for (int i = 0; i < uploads.size(); i++) {
            photos.add(validate(part, kind, i, uploads.get(i)));
        }
        return photos;
    }

    private ValidatedPhoto validate(String part, PhotoKind kind, int index, FileUpload upload) {
        String field = part + "[" + index + "]";
        byte[] data;
        try {
            data = Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (data.length > maxBytes) {
            throw new ApiException(ErrorCode.PHOTO_TOO_LARGE, "Photo " + field + " is too large",
                    List.of(new FieldError(field, "at most " + maxBytes + " bytes")));
        }
        Optional<ImageHeader> header = ImageInspector.inspect(data);
        if (header.isEmpty()) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA,
                    "Photo " + field + " is not a readable JPEG, PNG or WebP image",
                    List.of(new FieldError(field, "must be a JPEG, PNG or WebP image")));
        }
        if (header.get().pixels() > maxPixels) {
            throw new ApiException(ErrorCode.PHOTO_TOO_LARGE,
                    "Photo " + field + " has " + header.get().width() + "x" + header.get().height()
                            + " pixels, more than " + maxPixels / 1_000_000 + " megapixels",
                    List.of(new FieldError(field, "at most " + maxPixels + " pixels")));
        }
        return new ValidatedPhoto(kind, index, header.get(), data, sha256Hex(data));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
