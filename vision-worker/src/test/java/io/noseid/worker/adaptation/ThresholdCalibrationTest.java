package io.noseid.worker.adaptation;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThresholdCalibrationTest {

    @Test
    void theThresholdIsTheLeastEvidenceThatAtMostTheTargetShareOfImpostorsReach() {
        double[] impostors = new double[100];
        for (int i = 0; i < 100; i++) {
            impostors[i] = i % 10; // ten impostors at each of 0..9 inliers
        }
        ThresholdCalibration c = ThresholdCalibration.of(impostors, 0.10, 1);
        assertEquals(9, c.inlierThreshold());
        assertEquals(0.10, c.estimatedFar(), 1e-9);
        assertEquals(100, c.impostorProbes());
        ThresholdCalibration strict = ThresholdCalibration.of(impostors, 0.01, 1);
        assertEquals(10, strict.inlierThreshold());
        assertEquals(0.0, strict.estimatedFar());
    }

    @Test
    void neverBelowTheFloor() {
        ThresholdCalibration c = ThresholdCalibration.of(new double[]{0, 0, 1, 2}, 0.01, 6);
        assertEquals(6, c.inlierThreshold());
        assertEquals(0.0, c.estimatedFar());
        assertThrows(IllegalArgumentException.class, () -> ThresholdCalibration.of(new double[0], 0.01, 6));
    }

    @Test
    void aSmallSampleGetsAShallowVocabulary() {
        AdaptationSettings s = AdaptationSettings.of(Map.of());
        assertEquals(4, s.depthFor(150_000));
        assertEquals(3, s.depthFor(18_000));
        assertEquals(2, s.depthFor(5_000));
        assertEquals(1, s.depthFor(50));
    }

    @Test
    void theReservoirKeepsAUniformSampleOfFixedSize() {
        DescriptorSample sample = new DescriptorSample(1000, 7);
        float[] photo = new float[128 * 100];
        for (int p = 0; p < 100; p++) {
            for (int k = 0; k < 100; k++) {
                photo[k * 128] = p; // the photo's number in the first component of each descriptor
            }
            sample.add(photo);
        }
        assertEquals(10_000, sample.seen());
        assertEquals(1000, sample.descriptors().size());
        double mean = sample.descriptors().stream().mapToDouble(d -> d[0]).average().orElseThrow();
        assertEquals(49.5, mean, 3.0, "late photos are as likely to be kept as early ones");
    }
}
