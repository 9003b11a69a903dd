package io.noseid.worker.matcher;

/**
 * The verifier's inner loop: one probe descriptor's dot products with every descriptor of a gallery photo, keeping the
 * two largest (RootSIFT descriptors are unit vectors, so the largest dot products are the nearest neighbours). In SIMD
 * ({@link SimdDescriptorDots}) when the JVM runs with {@code --add-modules jdk.incubator.vector}, as the worker's
 * image, {@code ./noseid} and the tools do: measured about six times faster than the scalar loop on 300 x 300
 * descriptors, which is what lets verification reach more shortlisted dogs. Without the module the scalar loop gives
 * the same answers within float rounding.
 */
final class DescriptorDots {

    /** Whether the SIMD path is in use (logged by the worker at start). */
    static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private DescriptorDots() {
    }

    /**
     * The index of the gallery descriptor with the largest dot product with {@code a[ai..ai+128)} among the
     * {@code m} descriptors of {@code b}; {@code top2} receives the largest and the second largest (-1 when absent).
     */
    static int bestTwo(float[] a, int ai, float[] b, int m, float[] top2) {
        float s1 = -1f;
        float s2 = -1f;
        int j1 = -1;
        for (int j = 0; j < m; j++) {
            int bj = j * Vocabulary.DIM;
            // SIMD is a constant: the JIT keeps one branch.
            float s = SIMD ? SimdDescriptorDots.dot(a, ai, b, bj) : scalarDot(a, ai, b, bj);
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

    static float scalarDot(float[] a, int ai, float[] b, int bj) {
        float d0 = 0;
        float d1 = 0;
        float d2 = 0;
        float d3 = 0;
        for (int k = 0; k < Vocabulary.DIM; k += 4) {
            d0 += a[ai + k] * b[bj + k];
            d1 += a[ai + k + 1] * b[bj + k + 1];
            d2 += a[ai + k + 2] * b[bj + k + 2];
            d3 += a[ai + k + 3] * b[bj + k + 3];
        }
        return (d0 + d1) + (d2 + d3);
    }
}
