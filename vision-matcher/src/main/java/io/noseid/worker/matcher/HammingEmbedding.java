package io.noseid.worker.matcher;

import java.util.Random;

/**
 * Hamming embedding of RootSIFT descriptors within their visual word (Jégou, Douze and Schmid, 2008): the
 * descriptor's residual from its word's centroid, projected on {@value #BITS} fixed orthonormal directions, one bit
 * per sign. Two keypoints that share a word are near neighbours only if their signatures are close in Hamming
 * distance, so the shortlist can drop most chance votes of a 10,000-word vocabulary while keeping the true ones,
 * at 4 bytes per keypoint and without fetching descriptors. The directions come from a fixed seed: every worker and
 * every restart computes the same signatures ({@link #VERSION} is stored with them).
 */
public final class HammingEmbedding {

    static final int BITS = 32;
    /** Changes whenever the directions or the bit rule change: stored signatures of another version are recomputed. */
    public static final int VERSION = 1;
    private static final long SEED = 0x4E6F736549444845L;

    private final float[] directions;
    private final float[] leafCentroids;

    public HammingEmbedding(Vocabulary vocabulary) {
        this.leafCentroids = vocabulary.leafCentroids();
        this.directions = orthonormalDirections(BITS, Vocabulary.DIM, SEED);
    }

    /** One signature per keypoint of the template. */
    int[] signatures(NoseTemplate template) {
        int n = template.keypointCount();
        int[] words = template.words();
        byte[] desc = template.descriptors();
        float inv = 1f / NoseTemplate.DESCRIPTOR_SCALE;
        float[] residual = new float[Vocabulary.DIM];
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int c = words[i] * Vocabulary.DIM;
            int d = i * Vocabulary.DIM;
            for (int j = 0; j < Vocabulary.DIM; j++) {
                residual[j] = (desc[d + j] & 0xff) * inv - leafCentroids[c + j];
            }
            out[i] = signature(residual);
        }
        return out;
    }

    /** The signature of descriptor {@code i} of the template within {@code word} (not necessarily its own word). */
    int signature(NoseTemplate template, int i, int word, float[] residual) {
        byte[] desc = template.descriptors();
        float inv = 1f / NoseTemplate.DESCRIPTOR_SCALE;
        int c = word * Vocabulary.DIM;
        int d = i * Vocabulary.DIM;
        for (int j = 0; j < Vocabulary.DIM; j++) {
            residual[j] = (desc[d + j] & 0xff) * inv - leafCentroids[c + j];
        }
        return signature(residual);
    }

    int signature(float[] residual) {
        int bits = 0;
        for (int b = 0; b < BITS; b++) {
            float dot = 0;
            int o = b * Vocabulary.DIM;
            for (int j = 0; j < Vocabulary.DIM; j++) {
                dot += directions[o + j] * residual[j];
            }
            if (dot > 0) {
                bits |= 1 << b;
            }
        }
        return bits;
    }

    /** Gaussian random rows made orthonormal by Gram-Schmidt: independent bits, none repeating another. */
    static float[] orthonormalDirections(int rows, int dim, long seed) {
        Random random = new Random(seed);
        double[][] r = new double[rows][dim];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < dim; j++) {
                r[i][j] = random.nextGaussian();
            }
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < dim; j++) {
                    dot += r[i][j] * r[k][j];
                }
                for (int j = 0; j < dim; j++) {
                    r[i][j] -= dot * r[k][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                norm += r[i][j] * r[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < dim; j++) {
                r[i][j] /= norm;
            }
        }
        float[] flat = new float[rows * dim];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < dim; j++) {
                flat[i * dim + j] = (float) r[i][j];
            }
        }
        return flat;
    }
}
