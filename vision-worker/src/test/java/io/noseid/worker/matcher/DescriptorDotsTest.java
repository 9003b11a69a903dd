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
    void simdAndScalarFindTheSameNearestTwo() {
        Random random = new Random(11);
        int m = 300;
        float[] probe = unitVectors(random, 40);
        float[] gallery = unitVectors(random, m);
        float[] simd = new float[2];
        float[] scalar = new float[2];
        for (int i = 0; i < 40; i++) {
            int j = SimdDescriptorDots.bestTwo(probe, i * 128, gallery, m, simd);
            assertEquals(DescriptorDots.scalarBestTwo(probe, i * 128, gallery, m, scalar), j);
            assertEquals(scalar[0], simd[0], 1e-5);
            assertEquals(scalar[1], simd[1], 1e-5);
            assertTrue(simd[0] >= simd[1]);
            float brute = -1;
            for (int g = 0; g < m; g++) {
                float dot = 0;
                for (int k = 0; k < 128; k++) {
                    dot += probe[i * 128 + k] * gallery[g * 128 + k];
                }
                brute = Math.max(brute, dot);
            }
            assertEquals(brute, simd[0], 1e-5);
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
