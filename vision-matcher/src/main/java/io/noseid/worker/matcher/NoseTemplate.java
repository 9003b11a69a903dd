package io.noseid.worker.matcher;

import io.noseid.worker.gallery.TemplateCodec;

/**
 * Features of one nose photo.
 *
 * @param vocabularyVersion vocabulary the words were computed with
 * @param keypoints         4 floats per keypoint in working-size pixels: x, y, size, angle (degrees)
 * @param descriptors       128 bytes per keypoint: RootSIFT components scaled by {@link #DESCRIPTOR_SCALE}
 * @param words             visual word of each keypoint
 * @param akazePoints       2 floats per AKAZE keypoint in working-size pixels: x, y (none when not extracted)
 * @param akazeDescriptors  {@link #AKAZE_BYTES} bytes per AKAZE keypoint: its binary (M-LDB) descriptor
 */
public record NoseTemplate(String vocabularyVersion, float[] keypoints, byte[] descriptors, int[] words,
                           float[] akazePoints, byte[] akazeDescriptors) {

    public static final float DESCRIPTOR_SCALE = 400f;

    /** Bytes of OpenCV's full-size AKAZE descriptor (486 bits). */
    public static final int AKAZE_BYTES = 61;

    public NoseTemplate {
        int n = words.length;
        if (keypoints.length != n * 4 || descriptors.length != n * Vocabulary.DIM) {
            throw new IllegalArgumentException("keypoints, descriptors and words disagree on the keypoint count");
        }
        if (akazePoints.length % 2 != 0 || akazeDescriptors.length != akazePoints.length / 2 * AKAZE_BYTES) {
            throw new IllegalArgumentException("AKAZE points and descriptors disagree on the keypoint count");
        }
    }

    /** A template with SIFT features only. */
    public NoseTemplate(String vocabularyVersion, float[] keypoints, byte[] descriptors, int[] words) {
        this(vocabularyVersion, keypoints, descriptors, words, new float[0], new byte[0]);
    }

    /** The same photo's features with other visual words (another vocabulary version). */
    public NoseTemplate withWords(String version, int[] newWords) {
        return new NoseTemplate(version, keypoints, descriptors, newWords, akazePoints, akazeDescriptors);
    }

    public int akazeCount() {
        return akazePoints.length / 2;
    }

    public int keypointCount() {
        return words.length;
    }

    /** Compact binary form (the gallery's storage format). */
    public byte[] toBytes() {
        return TemplateCodec.encodeTemplate(this);
    }

    public static NoseTemplate fromBytes(byte[] bytes) {
        return TemplateCodec.decodeTemplate(bytes);
    }

    /** Descriptors back as floats (n x 128), unit length up to quantisation. */
    public float[] descriptorFloats() {
        float[] f = new float[descriptors.length];
        float inv = 1f / DESCRIPTOR_SCALE;
        for (int i = 0; i < f.length; i++) {
            f[i] = (descriptors[i] & 0xff) * inv;
        }
        return f;
    }
}
