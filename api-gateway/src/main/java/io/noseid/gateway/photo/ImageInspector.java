package io.noseid.gateway.photo;

import java.util.Optional;

/**
 * Detects JPEG, PNG and WebP by their magic bytes and reads the pixel size from the header only, so that a
 * decompression bomb is refused before anything decodes it. The JDK has no WebP reader, so every header is parsed
 * here with the same small code.
 */
public final class ImageInspector {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageInspector() {
    }

    public static Optional<ImageFormat> detect(byte[] data) {
        if (data.length >= 3 && u8(data, 0) == 0xFF && u8(data, 1) == 0xD8 && u8(data, 2) == 0xFF) {
            return Optional.of(ImageFormat.JPEG);
        }
        if (data.length >= 8 && startsWith(data, 0, PNG_SIGNATURE)) {
            return Optional.of(ImageFormat.PNG);
        }
        if (data.length >= 12 && ascii(data, 0, "RIFF") && ascii(data, 8, "WEBP")) {
            return Optional.of(ImageFormat.WEBP);
        }
        return Optional.empty();
    }

    /** Empty when the format is not supported or its header is truncated or malformed. */
    public static Optional<ImageHeader> inspect(byte[] data) {
        Optional<ImageFormat> format = detect(data);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        int[] size = switch (format.get()) {
            case JPEG -> jpegSize(data);
            case PNG -> pngSize(data);
            case WEBP -> webpSize(data);
        };
        if (size == null || size[0] <= 0 || size[1] <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ImageHeader(format.get(), size[0], size[1]));
    }

    private static int[] pngSize(byte[] d) {
        // signature, then the IHDR chunk: length(4) "IHDR" width(4) height(4), big-endian
        if (d.length < 24 || !ascii(d, 12, "IHDR")) {
            return null;
        }
        long width = be32(d, 16);
        long height = be32(d, 20);
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return null;
        }
        return new int[]{(int) width, (int) height};
    }

    private static int[] jpegSize(byte[] d) {
        int i = 2;
        while (i + 3 < d.length) {
            if (u8(d, i) != 0xFF) {
                return null;
            }
            int marker = u8(d, i + 1);
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
                i += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) { // end of image or start of scan before any frame header
                return null;
            }
            int length = be16(d, i + 2);
            if (length < 2) {
                return null;
            }
            boolean frameHeader = marker >= 0xC0 && marker <= 0xCF
                    && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frameHeader) {
                if (i + 9 > d.length) {
                    return null;
                }
                int height = be16(d, i + 5);
                int width = be16(d, i + 7);
                return new int[]{width, height};
            }
            i += 2 + length;
        }
        return null;
    }

    private static int[] webpSize(byte[] d) {
        if (d.length < 30) {
            return null;
        }
        if (ascii(d, 12, "VP8X")) {
            // flags(1) reserved(3) canvas width-1 (24 bit LE) canvas height-1 (24 bit LE)
            int width = 1 + (u8(d, 24) | u8(d, 25) << 8 | u8(d, 26) << 16);
            int height = 1 + (u8(d, 27) | u8(d, 28) << 8 | u8(d, 29) << 16);
            return new int[]{width, height};
        }
        if (ascii(d, 12, "VP8L")) {
            // signature 0x2F, then 14 bits width-1 and 14 bits height-1, little-endian bit order
            if (u8(d, 20) != 0x2F) {
                return null;
            }
            long bits = u8(d, 21) | (long) u8(d, 22) << 8 | (long) u8(d, 23) << 16 | (long) u8(d, 24) << 24;
            int width = 1 + (int) (bits & 0x3FFF);
            int height = 1 + (int) ((bits >> 14) & 0x3FFF);
            return new int[]{width, height};
        }
        if (ascii(d, 12, "VP8 ")) {
            // frame tag (3 bytes) at 20, start code 9D 01 2A at 23, then 14-bit width and height (2 scale bits)
            if (u8(d, 23) != 0x9D || u8(d, 24) != 0x01 || u8(d, 25) != 0x2A) {
                return null;
            }
            int width = (u8(d, 26) | u8(d, 27) << 8) & 0x3FFF;
            int height = (u8(d, 28) | u8(d, 29) << 8) & 0x3FFF;
            return new int[]{width, height};
        }
        return null;
    }

    private static int u8(byte[] d, int i) {
        return d[i] & 0xFF;
    }

    private static int be16(byte[] d, int i) {
        return u8(d, i) << 8 | u8(d, i + 1);
    }

    private static long be32(byte[] d, int i) {
        return (long) u8(d, i) << 24 | (long) u8(d, i + 1) << 16 | (long) u8(d, i + 2) << 8 | u8(d, i + 3);
    }

    private static boolean ascii(byte[] d, int offset, String text) {
        if (offset + text.length() > d.length) {
            return false;
        }
        for (int k = 0; k < text.length(); k++) {
            if (d[offset + k] != (byte) text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] d, int offset, byte[] prefix) {
        if (offset + prefix.length > d.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (d[offset + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
