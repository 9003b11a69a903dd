package io.noseid.worker.matcher;

import java.util.Arrays;

/**
 * Sparse, L2-normalised tf-idf bag-of-words vector of one photo. Indices are strictly increasing word ids.
 */
public record BowVector(int[] indices, float[] values) {

    public BowVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length");
        }
    }

    public int size() {
        return indices.length;
    }

    /** Builds the normalised tf-idf vector of a word list; words absent from idf weigh nothing. */
    static BowVector ofWords(int[] words, float[] idf) {
        int[] sorted = words.clone();
        Arrays.sort(sorted);
        int[] idx = new int[sorted.length];
        float[] val = new float[sorted.length];
        int n = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            float w = (j - i) * idf[sorted[i]];
            if (w > 0) {
                idx[n] = sorted[i];
                val[n] = w;
                n++;
            }
            i = j;
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm += (double) val[i] * val[i];
        }
        float inv = norm > 0 ? (float) (1.0 / Math.sqrt(norm)) : 0f;
        for (int i = 0; i < n; i++) {
            val[i] *= inv;
        }
        return new BowVector(Arrays.copyOf(idx, n), Arrays.copyOf(val, n));
    }

    public double dot(BowVector other) {
        double s = 0;
        int i = 0;
        int j = 0;
        while (i < indices.length && j < other.indices.length) {
            int a = indices[i];
            int b = other.indices[j];
            if (a == b) {
                s += (double) values[i++] * other.values[j++];
            } else if (a < b) {
                i++;
            } else {
                j++;
            }
        }
        return s;
    }
}
