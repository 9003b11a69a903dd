package io.noseid.worker.adaptation;

import io.noseid.worker.matcher.DogEvidence;
import io.noseid.worker.matcher.VerificationFeatures;
import io.noseid.worker.matcher.VerificationModel;
import smile.classification.LinearSVM;
import smile.classification.PlattScaling;
import smile.classification.SVM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Learns the {@link VerificationModel} from the gallery's own comparisons. Each gallery probe (one enrolled photo)
 * gives a genuine sample (its dog's other photos) and impostor samples (the other dogs its shortlist verified, the
 * hardest impostors there are). Probes are split in two folds by position: the SVM is fitted on the first, its margin
 * is Platt-calibrated on the second, and the threshold is set on the second fold's impostor probes (the best
 * impostor probability of each) for the target false accept rate, so no figure is read off the data it was fitted on.
 */
public final class VerifierTraining {

    /** One gallery probe: its own dog's evidence (null when that dog has no other photo) and the impostors'. */
    public record ProbeSample(DogEvidence genuine, List<DogEvidence> impostors) {
        public ProbeSample {
            impostors = List.copyOf(impostors);
        }
    }

    /** The learned model and the false accept rate measured at its threshold on the calibration fold. */
    public record Trained(VerificationModel model, double estimatedFar, int genuineSamples, int impostorSamples,
                          int impostorProbes) {
    }

    /** Fewer samples of either kind in a fold than this and no model is learned (the inlier rule stays). */
    static final int MIN_SAMPLES_PER_FOLD = 10;
    private static final double MIN_SPREAD = 1e-3;

    /**
     * Impostor samples the SVM is fitted on per probe, the hardest ones: with every verified impostor as a sample,
     * Smile's LASVM ran out of a 3 GB heap when all 300 dogs of a gallery were verified. The five hardest lie near the
     * boundary and are as many as five verified dogs gave before. The calibration fold keeps them all.
     */
    static final int FIT_IMPOSTORS_PER_PROBE = 5;

    private VerifierTraining() {
    }

    /**
     * @param c             the SVM's soft-margin penalty
     * @param minThreshold  the least match probability, whatever the impostors allow
     * @return empty when the gallery gave too few samples of either kind
     */
    public static Optional<Trained> train(List<ProbeSample> samples, double targetFar, double c, double minThreshold) {
        List<ProbeSample> fit = new ArrayList<>();
        List<ProbeSample> calibrate = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            (i % 2 == 0 ? fit : calibrate).add(samples.get(i));
        }
        List<double[]> fitGenuine = genuine(fit);
        List<double[]> fitImpostor = impostors(fit, FIT_IMPOSTORS_PER_PROBE);
        List<double[]> calGenuine = genuine(calibrate);
        List<double[]> calImpostor = impostors(calibrate, Integer.MAX_VALUE);
        if (Math.min(Math.min(fitGenuine.size(), fitImpostor.size()), Math.min(calGenuine.size(), calImpostor.size()))
                < MIN_SAMPLES_PER_FOLD) {
            return Optional.empty();
        }
        int n = VerificationFeatures.NAMES.length;
        double[] mean = new double[n];
        double[] spread = new double[n];
        List<double[]> all = new ArrayList<>(fitGenuine);
        all.addAll(fitImpostor);
        for (double[] f : all) {
            for (int k = 0; k < n; k++) {
                mean[k] += f[k] / all.size();
            }
        }
        for (double[] f : all) {
            for (int k = 0; k < n; k++) {
                spread[k] += (f[k] - mean[k]) * (f[k] - mean[k]) / all.size();
            }
        }
        for (int k = 0; k < n; k++) {
            spread[k] = Math.max(MIN_SPREAD, Math.sqrt(spread[k]));
        }
        // Genuine samples are repeated so that both classes weigh alike in the hinge loss.
        int repeat = Math.max(1, Math.round(fitImpostor.size() / (float) fitGenuine.size()));
        int rows = fitGenuine.size() * repeat + fitImpostor.size();
        double[][] x = new double[rows][];
        int[] y = new int[rows];
        int r = 0;
        for (int k = 0; k < repeat; k++) {
            for (double[] f : fitGenuine) {
                x[r] = standardised(f, mean, spread);
                y[r++] = 1;
            }
        }
        for (double[] f : fitImpostor) {
            x[r] = standardised(f, mean, spread);
            y[r++] = -1;
        }
        LinearSVM svm = SVM.fit(x, y, new SVM.Options(c, 1e-3, 2));
        VerificationModel unscaled = new VerificationModel(mean, spread, svm.weights(), svm.intercept(), -1, 0, 0.5);

        double[] margins = new double[calGenuine.size() + calImpostor.size()];
        int[] labels = new int[margins.length];
        int m = 0;
        for (double[] f : calGenuine) {
            margins[m] = unscaled.margin(f);
            labels[m++] = 1;
        }
        for (double[] f : calImpostor) {
            margins[m] = unscaled.margin(f);
            labels[m++] = -1;
        }
        PlattScaling platt = PlattScaling.fit(margins, labels);
        // p = 1 / (1 + exp(A f + B)): B from f = 0, A from f = 1.
        double b = Math.log(1 / clamp(platt.scale(0)) - 1);
        double a = Math.log(1 / clamp(platt.scale(1)) - 1) - b;
        VerificationModel scaled = new VerificationModel(mean, spread, svm.weights(), svm.intercept(), a, b, 0.5);

        double[] impostorBest = calibrate.stream()
                .mapToDouble(s -> s.impostors().stream().mapToDouble(scaled::probability).max().orElse(0))
                .sorted().toArray();
        double threshold = thresholdFor(impostorBest, targetFar, minThreshold);
        double far = Arrays.stream(impostorBest).filter(p -> p >= threshold).count() / (double) impostorBest.length;
        return Optional.of(new Trained(scaled.withThreshold(threshold), far, fitGenuine.size() + calGenuine.size(),
                fitImpostor.size() + calImpostor.size(), impostorBest.length));
    }

    /**
     * The least probability that at most {@code targetFar} of the impostor probes reach (ascending {@code best}),
     * never below {@code floor}.
     */
    static double thresholdFor(double[] best, double targetFar, double floor) {
        int allowed = (int) Math.floor(targetFar * best.length + 1e-9);
        double t = allowed >= best.length ? floor : Math.nextUp(best[best.length - 1 - allowed]);
        return Math.min(1 - 1e-9, Math.max(floor, t));
    }

    private static double clamp(double p) {
        return Math.min(1 - 1e-12, Math.max(1e-12, p));
    }

    private static double[] standardised(double[] f, double[] mean, double[] spread) {
        double[] z = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            z[k] = (f[k] - mean[k]) / spread[k];
        }
        return z;
    }

    private static List<double[]> genuine(List<ProbeSample> samples) {
        return samples.stream().filter(s -> s.genuine() != null).map(s -> VerificationFeatures.of(s.genuine()))
                .toList();
    }

    /** Each probe's {@code perProbe} hardest impostors (most inlier evidence first). */
    private static List<double[]> impostors(List<ProbeSample> samples, int perProbe) {
        return samples.stream().flatMap(s -> s.impostors().stream()
                        .sorted(Comparator.comparingDouble(DogEvidence::fusedInliers).reversed()).limit(perProbe))
                .map(VerificationFeatures::of).toList();
    }
}
