package io.noseid.worker.matcher;

/**
 * What the in-memory index keeps of one enrolled photo: each keypoint's visual word, its SIFT orientation
 * (256 steps per turn), its scale (quarter octaves), its position (2-pixel steps) and its Hamming signature within
 * the word ({@link HammingEmbedding}): 12 bytes per keypoint in the index. Orientations let the index count only
 * votes that agree on the rotation between probe and photo (weak geometric consistency); signatures let it count only
 * keypoints whose descriptors are actually close. {@code signatures} is null for photos stored before signatures
 * existed: the matcher recomputes them from the stored templates.
 */
public record IndexPhoto(int[] words, byte[] angles, byte[] scales, byte[] xs, byte[] ys, int[] signatures) {

    /** Positions are kept in steps of this many working-size pixels, one byte per coordinate. */
    static final float POSITION_STEP = 2f;
    /** Scales are kept in steps of a quarter octave, one byte per keypoint. */
    static final int SCALE_STEPS_PER_OCTAVE = 4;

    public IndexPhoto {
        int n = words.length;
        if (angles.length != n || scales.length != n || xs.length != n || ys.length != n
                || (signatures != null && signatures.length != n)) {
            throw new IllegalArgumentException("words, angles, scales, positions and signatures differ in length");
        }
    }

    public static IndexPhoto of(NoseTemplate t, HammingEmbedding embedding) {
        int n = t.keypointCount();
        byte[] a = new byte[n];
        byte[] s = new byte[n];
        byte[] x = new byte[n];
        byte[] y = new byte[n];
        float[] kp = t.keypoints();
        for (int i = 0; i < n; i++) {
            x[i] = positionByte(kp[i * 4]);
            y[i] = positionByte(kp[i * 4 + 1]);
            s[i] = scaleByte(kp[i * 4 + 2]);
            a[i] = angleByte(kp[i * 4 + 3]);
        }
        return new IndexPhoto(t.words(), a, s, x, y, embedding.signatures(t));
    }

    static byte positionByte(float coordinate) {
        return (byte) Math.max(0, Math.min(255, Math.round(coordinate / POSITION_STEP)));
    }

    static float position(byte b) {
        return (b & 0xff) * POSITION_STEP;
    }

    /** log2 of the keypoint size in quarter octaves. */
    static byte scaleByte(float size) {
        long q = Math.round(Math.log(Math.max(size, 1e-3)) / Math.log(2) * SCALE_STEPS_PER_OCTAVE);
        return (byte) Math.max(-128, Math.min(127, q));
    }

    static byte angleByte(float degrees) {
        return (byte) ((int) Math.floor(degrees / 360.0 * 256.0) & 0xff);
    }
}
