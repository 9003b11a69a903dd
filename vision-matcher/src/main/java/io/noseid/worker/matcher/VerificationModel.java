package io.noseid.worker.matcher;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The verifier an adaptation learns from the gallery (issue 11 item 3): a linear SVM (Smile) over
 * {@link VerificationFeatures} of genuine and impostor dog comparisons, its margin Platt-calibrated to a probability
 * that the dog is the probe's, and the probability threshold at which the gallery's own impostor probes reach the
 * target false accept rate. Features are standardised with the training set's mean and spread.
 *
 * @param mean      per-feature mean of the training samples
 * @param spread    per-feature standard deviation (at least a small floor)
 * @param weights   SVM weights over standardised features
 * @param bias      SVM intercept
 * @param plattA    Platt slope: p = 1 / (1 + exp(plattA * margin + plattB))
 * @param plattB    Platt offset
 * @param threshold the probability at or above which the best dog is a match
 */
public record VerificationModel(double[] mean, double[] spread, double[] weights, double bias, double plattA,
                                double plattB, double threshold) {

    private static final int FORMAT = 1;

    public VerificationModel {
        int n = VerificationFeatures.NAMES.length;
        if (mean.length != n || spread.length != n || weights.length != n) {
            throw new IllegalArgumentException("a verification model needs " + n + " features");
        }
        if (!(threshold > 0 && threshold < 1) || !Double.isFinite(plattA) || !Double.isFinite(plattB)) {
            throw new IllegalArgumentException("implausible verification model: threshold " + threshold
                    + ", Platt " + plattA + " / " + plattB);
        }
        mean = mean.clone();
        spread = spread.clone();
        weights = weights.clone();
    }

    /** The SVM's margin for one dog's evidence (positive: genuine side). */
    public double margin(DogEvidence evidence) {
        return margin(VerificationFeatures.of(evidence));
    }

    /** The SVM's margin for a feature vector of {@link VerificationFeatures}. */
    public double margin(double[] f) {
        double m = bias;
        for (int i = 0; i < f.length; i++) {
            m += weights[i] * (f[i] - mean[i]) / spread[i];
        }
        return m;
    }

    /** The calibrated probability that the dog is the probe's, 0..1: the contract's score. */
    public double probability(DogEvidence evidence) {
        return probabilityOfMargin(margin(evidence));
    }

    public double probabilityOfMargin(double margin) {
        return 1 / (1 + Math.exp(plattA * margin + plattB));
    }

    public VerificationModel withThreshold(double t) {
        return new VerificationModel(mean, spread, weights, bias, plattA, plattB, t);
    }

    /** A compact binary form for the matcher version's row. */
    public byte[] encode() {
        int n = weights.length;
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * (3 * n + 4));
        b.putInt(FORMAT).putInt(n);
        Arrays.stream(mean).forEach(b::putDouble);
        Arrays.stream(spread).forEach(b::putDouble);
        Arrays.stream(weights).forEach(b::putDouble);
        b.putDouble(bias).putDouble(plattA).putDouble(plattB).putDouble(threshold);
        return b.array();
    }

    public static VerificationModel decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int format = b.getInt();
        int n = b.getInt();
        if (format != FORMAT || n != VerificationFeatures.NAMES.length) {
            throw new IllegalArgumentException("unknown verification model format " + format + " with " + n
                    + " features");
        }
        double[][] parts = new double[3][n];
        for (double[] part : parts) {
            for (int i = 0; i < n; i++) {
                part[i] = b.getDouble();
            }
        }
        return new VerificationModel(parts[0], parts[1], parts[2], b.getDouble(), b.getDouble(), b.getDouble(),
                b.getDouble());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationModel m && Arrays.equals(encode(), m.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "VerificationModel[weights=" + Arrays.toString(weights) + ", bias=" + bias + ", platt=" + plattA + "/"
                + plattB + ", threshold=" + threshold + "]";
    }
}
