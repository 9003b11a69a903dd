package io.noseid.worker.matcher.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Open-set identification figures from the best candidate of each probe.
 * Genuine probes are a true positive identification at threshold t when their best candidate is the right dog and
 * scores above t; impostor probes are a false accept when their best candidate scores above t.
 */
public final class OpenSetMetrics {

    /** Outcome of one probe: whether the best candidate was right (genuine only), and its score. */
    public record Outcome(boolean genuine, boolean correctTop, double topScore, int shortlistRank) {
    }

    public record RocPoint(double far, double tpir) {
    }

    private final double[] impostorDesc;
    private final List<Outcome> genuine;

    public OpenSetMetrics(List<Outcome> outcomes) {
        this.genuine = outcomes.stream().filter(Outcome::genuine).toList();
        this.impostorDesc = outcomes.stream().filter(o -> !o.genuine()).mapToDouble(Outcome::topScore).sorted()
                .toArray();
        reverse(impostorDesc);
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    public int genuineCount() {
        return genuine.size();
    }

    public int impostorCount() {
        return impostorDesc.length;
    }

    public double rank1() {
        return genuine.isEmpty() ? Double.NaN
                : genuine.stream().filter(Outcome::correctTop).count() / (double) genuine.size();
    }

    /** Share of genuine probes whose dog was among the first {@code k} of the shortlist. */
    public double shortlistRecall(int k) {
        return genuine.isEmpty() ? Double.NaN : genuine.stream()
                .filter(o -> o.shortlistRank() >= 0 && o.shortlistRank() < k).count() / (double) genuine.size();
    }

    /** Score above which at most {@code far} of the impostor probes are accepted. */
    public double thresholdAt(double far) {
        int allowed = (int) Math.floor(far * impostorDesc.length + 1e-9);
        return allowed >= impostorDesc.length ? Double.NEGATIVE_INFINITY : impostorDesc[allowed];
    }

    public double tpirAbove(double threshold) {
        return genuine.isEmpty() ? Double.NaN : genuine.stream()
                .filter(o -> o.correctTop() && o.topScore() > threshold).count() / (double) genuine.size();
    }

    public double farAbove(double threshold) {
        return impostorDesc.length == 0 ? Double.NaN
                : Arrays.stream(impostorDesc).filter(s -> s > threshold).count() / (double) impostorDesc.length;
    }

    public double tpirAtFar(double far) {
        return tpirAbove(thresholdAt(far));
    }

    /** Equal error rate of false negative identification (1 - TPIR) and false positive identification rates. */
    public double eer() {
        double[] cuts = candidates();
        double best = 1;
        double bestGap = Double.MAX_VALUE;
        for (double t : cuts) {
            double fnir = 1 - tpirAbove(t);
            double fpir = farAbove(t);
            double gap = Math.abs(fnir - fpir);
            if (gap < bestGap) {
                bestGap = gap;
                best = (fnir + fpir) / 2;
            }
        }
        return best;
    }

    public List<RocPoint> roc() {
        List<RocPoint> out = new ArrayList<>();
        for (double t : candidates()) {
            out.add(new RocPoint(farAbove(t), tpirAbove(t)));
        }
        // At equal FAR the best TPIR comes last, so a step plot reaches it before moving right.
        out.sort((a, b) -> a.far() != b.far() ? Double.compare(a.far(), b.far()) : Double.compare(a.tpir(), b.tpir()));
        return out;
    }

    private double[] candidates() {
        double[] all = new double[impostorDesc.length + genuine.size() + 1];
        int n = 0;
        for (double s : impostorDesc) {
            all[n++] = s;
        }
        for (Outcome o : genuine) {
            all[n++] = o.topScore();
        }
        all[n] = Double.NEGATIVE_INFINITY;
        return Arrays.stream(all).distinct().sorted().toArray();
    }
}
