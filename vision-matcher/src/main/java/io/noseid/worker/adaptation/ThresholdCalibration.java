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
        double[] sorted = impostorEvidence.clone();
        Arrays.sort(sorted);
        double threshold = Math.ceil(floor);
        while (share(sorted, threshold) > targetFar) {
            threshold++;
        }
        return new ThresholdCalibration(threshold, share(sorted, threshold), sorted.length);
    }

    /** The share of sorted evidence at or above {@code threshold}. */
    private static double share(double[] sorted, double threshold) {
        int i = Arrays.binarySearch(sorted, threshold);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && sorted[i - 1] >= threshold) {
                i--;
            }
        }
        return (sorted.length - i) / (double) sorted.length;
    }
}
