package io.noseid.worker.matcher;

import io.noseid.worker.gallery.TemplateCodec;

/**
 * Features of one nose photo.
 *
 * @param vocabularyVersion vocabulary the words were computed with
 * @param keypoints         4 floats per keypoint in working-size pixels: x, y, size, angle (degrees)
 * @param descriptors       128 bytes per keypoint: RootSIFT components scaled by {@link #DESCRIPTOR_SCALE}
 * @param words             visual word of each keypoint
 */
public record NoseTemplate(String vocabularyVersion, float[] keypoints, byte[] descriptors, int[] words) {

    public static final float DESCRIPTOR_SCALE = 400f;

    public NoseTemplate {
        int n = words.length;
        if (keypoints.length != n * 4 || descriptors.length != n * Vocabulary.DIM) {
            throw new IllegalArgumentException("keypoints, descriptors and words disagree on the keypoint count");
        }
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
