package io.noseid.worker.matcher;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeometricVerifierTest {

    private final GeometricVerifier verifier = new GeometricVerifier(MatcherSettings.defaults());

    /** 40 points mapped by {@code (a, b, tx, ty)} plus {@code outliers} random correspondences. */
    private int inliers(double a, double b, boolean mirror, int outliers) {
        Random r = new Random(3);
        int n = 40 + outliers;
        float[] px = new float[n];
        float[] py = new float[n];
        float[] gx = new float[n];
        float[] gy = new float[n];
        for (int i = 0; i < n; i++) {
            px[i] = r.nextFloat() * 300;
            py[i] = r.nextFloat() * 300;
            double y = mirror ? -py[i] : py[i];
            if (i < 40) {
                gx[i] = (float) (a * px[i] - b * y + 20);
                gy[i] = (float) (b * px[i] + a * y + 35);
            } else {
                gx[i] = r.nextFloat() * 300;
                gy[i] = r.nextFloat() * 300;
            }
        }
        return verifier.ransacSimilarity(px, py, gx, gy);
    }

    @Test
    void findsAllInliersOfARotatedScaledCopyAmongOutliers() {
        double s = 1.4;
        double th = Math.toRadians(25);
        int found = inliers(s * Math.cos(th), s * Math.sin(th), false, 60);
        assertTrue(found >= 40 && found < 46, "inliers " + found);
    }

    @Test
    void rejectsImplausibleScaleAndMirrorImages() {
        assertTrue(inliers(5, 0, false, 20) < 8, "a 5x scale is not a nose photo pair");
        assertTrue(inliers(1, 0, true, 20) < 8, "a mirror image cannot be fitted by a similarity");
    }

    @Test
    void matchesAPhotoAgainstItselfAndNotAgainstAnotherDog() {
        NoseTemplate a = TestTemplates.template(5, 0);
        NoseTemplate other = TestTemplates.template(6, 0);
        GeometricVerifier.Probe probe = GeometricVerifier.Probe.of(a);
        int self = verifier.inliers(probe, a, a.descriptorFloats());
        int stranger = verifier.inliers(probe, other, other.descriptorFloats());
        assertTrue(self > 100, "self inliers " + self);
        assertTrue(stranger < MatcherSettings.defaults().inlierThreshold(), "stranger inliers " + stranger);
        assertEquals(self, verifier.inliers(probe, a, a.descriptorFloats()), "deterministic");
    }
}
