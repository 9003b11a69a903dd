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

    /** Photo 0 of dog 5 (also the probe) and photo 0 of dog 6. */
    private final NoseTemplate a = TestTemplates.template(5, 0);
    private final NoseTemplate other = TestTemplates.template(6, 0);
    private final GeometricVerifier.Probe probe = GeometricVerifier.Probe.of(a);

    @Test
    void matchesAPhotoAgainstItselfAndNotAgainstAnotherDog() {
        int self = verifier.inliers(probe, a, a.descriptorFloats());
        int stranger = verifier.inliers(probe, other, other.descriptorFloats());
        assertTrue(self > 100, "self inliers " + self);
        assertTrue(stranger < MatcherSettings.defaults().inlierThreshold(), "stranger inliers " + stranger);
        assertEquals(self, verifier.inliers(probe, a, a.descriptorFloats()), "deterministic");
    }

    @Test
    void akazePointsMatchARotatedPhotoOfTheSameNoseAndNotAnotherDog() {
        MatcherSettings s = MatcherSettings.of(java.util.Map.of("features.akaze-keypoints", "600"));
        FeatureExtractor fx = new FeatureExtractor(s, Vocabulary.loadDefault());
        org.opencv.core.Mat photo = TestTemplates.photo(5, 0);
        org.opencv.core.Mat rotated = new org.opencv.core.Mat();
        org.opencv.core.Mat turn = org.opencv.imgproc.Imgproc.getRotationMatrix2D(
                new org.opencv.core.Point(photo.cols() / 2.0, photo.rows() / 2.0), 12, 1.05);
        org.opencv.imgproc.Imgproc.warpAffine(photo, rotated, turn, photo.size(),
                org.opencv.imgproc.Imgproc.INTER_LINEAR, org.opencv.core.Core.BORDER_REFLECT);
        NoseTemplate a = fx.extract(photo);
        NoseTemplate b = fx.extract(rotated);
        NoseTemplate other = fx.extract(TestTemplates.photo(6, 0));
        assertTrue(a.akazeCount() > 100 && a.akazeCount() <= 600, "AKAZE points " + a.akazeCount());
        GeometricVerifier v = new GeometricVerifier(s);
        GeometricVerifier.Probe probe = GeometricVerifier.Probe.of(a);
        int same = v.akazeInliers(probe, b, GeometricVerifier.packAkaze(b));
        int stranger = v.akazeInliers(probe, other, GeometricVerifier.packAkaze(other));
        assertTrue(same > 40, "AKAZE inliers with the rotated photo " + same);
        assertTrue(stranger < 10, "AKAZE inliers with another dog " + stranger);
        assertEquals(0, verifier.akazeInliers(GeometricVerifier.Probe.of(TestTemplates.template(5, 0)), b,
                GeometricVerifier.packAkaze(b)), "templates without AKAZE points give no AKAZE evidence");
    }

    @Test
    void describesTheFittedSimilarityForTheSvmVerifier() {
        PairMatch self = verifier.match(probe, a, a.descriptorFloats());
        assertEquals(verifier.inliers(probe, a, a.descriptorFloats()), self.inliers());
        assertEquals(1.0, self.scale(), 1e-6, "a photo against itself: unit scale");
        assertEquals(0.0, self.rotationDegrees(), 1e-6, "and no rotation");
        assertTrue(self.coverage() > 0.9, "its inliers span the matched area: " + self.coverage());
        assertTrue(self.inlierRatio() > 0.9, "nearly every tentative match is an inlier: " + self.inlierRatio());
        PairMatch stranger = verifier.match(probe, other, other.descriptorFloats());
        assertTrue(stranger.inliers() < stranger.tentative(), "a stranger's tentative matches are mostly outliers");
        assertTrue(stranger.inlierRatio() < 0.5, "stranger inlier ratio " + stranger.inlierRatio());
    }
}
