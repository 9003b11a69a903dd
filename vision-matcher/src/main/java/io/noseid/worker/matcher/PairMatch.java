package io.noseid.worker.matcher;

/**
 * What verifying one probe photo against one gallery photo found: the evidence the SVM verifier weighs.
 *
 * @param inliers         matches the best plausible similarity explains
 * @param tentative       one-to-one ratio-test matches the similarity was fitted on
 * @param scale           the similarity's scale (gallery over probe), 1 when none was fitted
 * @param rotationDegrees its rotation, -180..180
 * @param coverage        the inliers' bounding box over that of all tentative matches, 0..1
 */
public record PairMatch(int inliers, int tentative, double scale, double rotationDegrees, double coverage) {

    public static final PairMatch NONE = new PairMatch(0, 0, 1, 0, 0);

    /** Inliers over tentative matches, 0 when there were none. */
    public double inlierRatio() {
        return tentative == 0 ? 0 : inliers / (double) tentative;
    }
}
