package io.noseid.worker.matcher;

/**
 * What the in-memory index keeps of one enrolled photo: each keypoint's visual word, its SIFT orientation
 * (256 steps per turn), its scale (quarter octaves) and its position (2-pixel steps): 7 bytes per keypoint. Orientations let the index count only votes that agree on the rotation between probe and
 * photo (weak geometric consistency), which is what lifts the shortlist over plain tf-idf on blurred probes.
 */
public record IndexPhoto(int[] words, byte[] angles, byte[] scales, byte[] xs, byte[] ys) {

    /** Positions are kept in steps of this many working-size pixels, one byte per coordinate. */
    static final float POSITION_STEP = 2f;

    public IndexPhoto {
        int n = words.length;
        if (angles.length != n || scales.length != n || xs.length != n || ys.length != n) {
            throw new IllegalArgumentException("words, angles, scales and positions differ in length");
        }
    }

    public static IndexPhoto of(NoseTemplate t) {
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
        return new IndexPhoto(t.words(), a, s, x, y);
    }

    static byte positionByte(float coordinate) {
        return (byte) Math.max(0, Math.min(255, Math.round(coordinate / POSITION_STEP)));
    }

    static float position(byte b) {
        return (b & 0xff) * POSITION_STEP;
    }

    /** log2 of the keypoint size in quarter octaves. */
    static byte scaleByte(float size) {
        long q = Math.round(Math.log(Math.max(size, 1e-3)) / Math.log(2) * 4);
        return (byte) Math.max(-128, Math.min(127, q));
    }

    static byte angleByte(float degrees) {
        return (byte) ((int) Math.floor(degrees / 360.0 * 256.0) & 0xff);
    }
}
