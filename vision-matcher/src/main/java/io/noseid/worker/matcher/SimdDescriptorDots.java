package io.noseid.worker.matcher;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link DescriptorDots} in SIMD; loaded only when the JVM has {@code jdk.incubator.vector}. */
final class SimdDescriptorDots {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private SimdDescriptorDots() {
    }

    /** The dot product of {@code a[ai..ai+128)} and {@code b[bj..bj+128)}. */
    static float dot(float[] a, int ai, float[] b, int bj) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int k = 0; k < Vocabulary.DIM; k += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, a, ai + k).fma(FloatVector.fromArray(SPECIES, b, bj + k), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
