package io.noseid.worker.photo;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Tells whether an encoded JPEG, PNG or WebP file is complete, from its structure alone (no pixel decoding):
 * decoders fill a file that was cut short with grey and say nothing, and a half-grey nose must never be enrolled.
 * <ul>
 *   <li>JPEG: every marker segment fits, every scan's entropy-coded data ends in a marker, and the file reaches its
 *       end-of-image marker.</li>
 *   <li>PNG: every chunk fits and its CRC matches, up to the IEND chunk.</li>
 *   <li>WebP: the RIFF container holds as many bytes as its header declares.</li>
 * </ul>
 * Anything else is left to the decoder.
 */
public final class EncodedImageCheck {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private EncodedImageCheck() {
    }

    /** Empty when the file is complete (or not one of the three formats), else what is wrong with it. */
    public static Optional<String> incompleteness(byte[] data) {
        if (data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8) {
            return jpeg(data);
        }
        if (startsWith(data, PNG_SIGNATURE)) {
            return png(data);
        }
        if (data.length >= 12 && ascii(data, 0, 4).equals("RIFF") && ascii(data, 8, 4).equals("WEBP")) {
            return webp(data);
        }
        return Optional.empty();
    }

    static Optional<String> jpeg(byte[] d) {
        int pos = 2;
        while (true) {
            // markers may be preceded by any number of 0xFF fill bytes
            if (pos >= d.length || (d[pos] & 0xFF) != 0xFF) {
                return Optional.of("JPEG ends or breaks at byte " + pos + " before its end-of-image marker");
            }
            while (pos < d.length && (d[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= d.length) {
                return Optional.of("JPEG ends inside a marker");
            }
            int marker = d[pos++] & 0xFF;
            if (marker == 0xD9) {
                return Optional.empty();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (pos + 2 > d.length) {
                return Optional.of("JPEG ends inside a segment length");
            }
            int length = ((d[pos] & 0xFF) << 8) | (d[pos + 1] & 0xFF);
            if (length < 2 || pos + length > d.length) {
                return Optional.of("JPEG segment 0x" + Integer.toHexString(marker) + " is cut short");
            }
            pos += length;
            if (marker == 0xDA) {
                pos = endOfEntropyCodedData(d, pos);
                if (pos < 0) {
                    return Optional.of("JPEG image data is cut short");
                }
            }
        }
    }

    /** The position of the marker that ends a scan's data (0xFF not followed by 0x00 or a restart), or -1. */
    private static int endOfEntropyCodedData(byte[] d, int pos) {
        for (int i = pos; i + 1 < d.length; i++) {
            if ((d[i] & 0xFF) == 0xFF) {
                int next = d[i + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) {
                    return i;
                }
            }
        }
        return -1;
    }

    static Optional<String> png(byte[] d) {
        int pos = PNG_SIGNATURE.length;
        CRC32 crc = new CRC32();
        while (pos + 12 <= d.length) {
            long length = readUint32(d, pos);
            if (length > d.length - pos - 12) {
                return Optional.of("PNG chunk at byte " + pos + " is cut short");
            }
            String type = ascii(d, pos + 4, 4);
            crc.reset();
            crc.update(d, pos + 4, 4 + (int) length);
            if (crc.getValue() != readUint32(d, pos + 8 + (int) length)) {
                return Optional.of("PNG chunk " + type + " fails its checksum");
            }
            if (type.equals("IEND")) {
                return Optional.empty();
            }
            pos += 12 + (int) length;
        }
        return Optional.of("PNG ends before its IEND chunk");
    }

    static Optional<String> webp(byte[] d) {
        long declared = (d[4] & 0xFFL) | (d[5] & 0xFFL) << 8 | (d[6] & 0xFFL) << 16 | (d[7] & 0xFFL) << 24;
        return d.length < declared + 8
                ? Optional.of("WebP holds " + d.length + " bytes of the " + (declared + 8) + " it declares")
                : Optional.empty();
    }

    private static long readUint32(byte[] d, int pos) {
        return (d[pos] & 0xFFL) << 24 | (d[pos + 1] & 0xFFL) << 16 | (d[pos + 2] & 0xFFL) << 8 | (d[pos + 3] & 0xFFL);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] d, int from, int length) {
        return new String(d, from, length, StandardCharsets.ISO_8859_1);
    }
}
