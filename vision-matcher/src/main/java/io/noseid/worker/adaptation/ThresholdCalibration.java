package io.noseid.worker.adaptation;

import java.util.Arrays;

/**
 * The open-set threshold from the gallery's own impostors: each probe's best inlier evidence against every dog but
 * its own. The threshold is the least evidence (in whole inliers, never below a floor) that at most the target share
 * of impostor probes reach; the share that reaches it is the estimated false accept rate.
 */
public record ThresholdCalibration(double inlierThreshold, double estimatedFar, int impostorProbes) {

    public static ThresholdCalibration of(double[] impostorEvidence, double targetFar, double floor) {
        if (impostorEvidence.length == 0) {
            throw new IllegalArgumentException("no impostor probes to calibrate on");
        }
        double threshold = Math.ceil(floor);
        while (share(impostorEvidence, threshold) > targetFar) {
            threshold++;
        }
        return new ThresholdCalibration(threshold, share(impostorEvidence, threshold), impostorEvidence.length);
    }

    /** The share of the evidence at or above {@code threshold}. */
    private static double share(double[] evidence, double threshold) {
        return Arrays.stream(evidence).filter(e -> e >= threshold).count() / (double) evidence.length;
    }
}
