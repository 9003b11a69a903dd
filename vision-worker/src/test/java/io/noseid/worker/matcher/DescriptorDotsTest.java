package io.noseid.worker.matcher;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescriptorDotsTest {

    @Test
    void theTestsRunTheSimdPathAsTheWorkerDoes() {
        assertTrue(DescriptorDots.SIMD, "surefire starts the JVM with --add-modules jdk.incubator.vector");
    }

    @Test
    void simdAndScalarDotProductsAgreeAndTheBestTwoAreKept() {
        Random random = new Random(11);
        int m = 300;
        float[] probe = unitVectors(random, 40);
        float[] gallery = unitVectors(random, m);
        float[] top2 = new float[2];
        for (int i = 0; i < 40; i++) {
            float best = -1;
            float second = -1;
            int bestJ = -1;
            for (int g = 0; g < m; g++) {
                float simd = SimdDescriptorDots.dot(probe, i * 128, gallery, g * 128);
                assertEquals(DescriptorDots.scalarDot(probe, i * 128, gallery, g * 128), simd, 1e-5);
                double dot = 0;
                for (int k = 0; k < 128; k++) {
                    dot += probe[i * 128 + k] * gallery[g * 128 + k];
                }
                assertEquals(dot, simd, 1e-5);
                if (simd > best) {
                    second = best;
                    best = simd;
                    bestJ = g;
                } else if (simd > second) {
                    second = simd;
                }
            }
            assertEquals(bestJ, DescriptorDots.bestTwo(probe, i * 128, gallery, m, top2));
            assertEquals(best, top2[0], 1e-5);
            assertEquals(second, top2[1], 1e-5);
        }
    }

    private static float[] unitVectors(Random random, int n) {
        float[] v = new float[n * 128];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int k = 0; k < 128; k++) {
                float x = random.nextFloat();
                v[i * 128 + k] = x;
                norm += x * x;
            }
            for (int k = 0; k < 128; k++) {
                v[i * 128 + k] /= (float) Math.sqrt(norm);
            }
        }
        return v;
    }
}
