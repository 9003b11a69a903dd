package io.noseid.worker.matcher;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link DescriptorDots} in SIMD; loaded only when the JVM has {@code jdk.incubator.vector}. */
final class SimdDescriptorDots {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private SimdDescriptorDots() {
    }

    static int bestTwo(float[] a, int ai, float[] b, int m, float[] top2) {
        if (Vocabulary.DIM % SPECIES.length() != 0) {
            return DescriptorDots.scalarBestTwo(a, ai, b, m, top2);
        }
        float s1 = -1f;
        float s2 = -1f;
        int j1 = -1;
        for (int j = 0; j < m; j++) {
            int bj = j * Vocabulary.DIM;
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int k = 0; k < Vocabulary.DIM; k += SPECIES.length()) {
                acc = FloatVector.fromArray(SPECIES, a, ai + k).fma(FloatVector.fromArray(SPECIES, b, bj + k), acc);
            }
            float s = acc.reduceLanes(VectorOperators.ADD);
            if (s > s1) {
                s2 = s1;
                s1 = s;
                j1 = j;
            } else if (s > s2) {
                s2 = s;
            }
        }
        top2[0] = s1;
        top2[1] = s2;
        return j1;
    }
}
