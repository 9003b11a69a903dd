package io.noseid.worker.matcher;

/**
 * The verification features the SVM verifier weighs, from one dog's {@link DogEvidence}. Counts are log-scaled so
 * that a burst frame's 300 inliers does not dwarf the 10-30 where the decision is made.
 */
public final class VerificationFeatures {

    /** Names, in order, for reports and the stored model. */
    public static final String[] NAMES = {"log fused inliers", "log best-pair inliers", "inlier ratio",
            "inlier coverage", "|log scale|", "|rotation| / 180", "log second-photo inliers", "log tentative matches"};

    private VerificationFeatures() {
    }

    public static double[] of(DogEvidence e) {
        PairMatch p = e.best();
        return new double[] {
                Math.log1p(e.fusedInliers()),
                Math.log1p(p.inliers()),
                p.inlierRatio(),
                p.coverage(),
                Math.abs(Math.log(p.scale())),
                Math.abs(p.rotationDegrees()) / 180,
                Math.log1p(e.secondPhotoInliers()),
                Math.log1p(p.tentative())
        };
    }
}
