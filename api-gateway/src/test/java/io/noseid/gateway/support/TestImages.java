package io.noseid.gateway.support;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Small real images made with ImageIO, and hand-built headers for WebP and decompression bombs. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] jpeg(int width, int height, int seed) {
        return encode(image(width, height, seed), "jpg");
    }

    public static byte[] png(int width, int height, int seed) {
        return encode(image(width, height, seed), "png");
    }

    /** Random pixels: a PNG of about 3 bytes per pixel, for tests that need uploads of a known, large size. */
    public static byte[] noisyPng(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, "png");
    }

    private static BufferedImage image(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(seed * 37 % 256, seed * 91 % 256, seed * 53 % 256));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG signature and IHDR claiming the given size, followed by no real pixel data. */
    public static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    /** A JPEG whose frame header (SOF0) claims the given size. */
    public static byte[] jpegHeader(int width, int height) {
        return new byte[]{(byte) 0xFF, (byte) 0xD8,
                (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
                (byte) 0xFF, (byte) 0xC0, 0, 11, 8, (byte) (height >> 8), (byte) height, (byte) (width >> 8),
                (byte) width, 1, 1, 0x11, 0,
                (byte) 0xFF, (byte) 0xD9};
    }

    /** Lossy WebP: RIFF header, a "VP8 " chunk with frame tag, start code and 14-bit dimensions. */
    public static byte[] webpVp8(int width, int height) {
        ByteBuffer b = riff("VP8 ", 10 + 20);
        b.put(new byte[]{0x30, 0x01, 0x00}).put(new byte[]{(byte) 0x9D, 0x01, 0x2A})
                .putShort((short) width).putShort((short) height);
        return pad(b);
    }

    /** Lossless WebP: "VP8L" chunk, signature 0x2F, 14-bit width-1 and height-1. */
    public static byte[] webpVp8l(int width, int height) {
        ByteBuffer b = riff("VP8L", 5 + 20);
        int bits = (width - 1) | (height - 1) << 14;
        b.put((byte) 0x2F).putInt(bits);
        return pad(b);
    }

    /** Extended WebP: "VP8X" chunk with 24-bit canvas width-1 and height-1. */
    public static byte[] webpVp8x(int width, int height) {
        ByteBuffer b = riff("VP8X", 10 + 20);
        b.put((byte) 0).put(new byte[3]).put(le24(width - 1)).put(le24(height - 1));
        return pad(b);
    }

    private static ByteBuffer riff(String chunk, int chunkSize) {
        ByteBuffer b = ByteBuffer.allocate(20 + chunkSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + chunkSize)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(chunk.getBytes(StandardCharsets.US_ASCII)).putInt(chunkSize);
        return b;
    }

    private static byte[] pad(ByteBuffer b) {
        return b.array();
    }

    private static byte[] le24(int v) {
        return new byte[]{(byte) v, (byte) (v >> 8), (byte) (v >> 16)};
    }
}
