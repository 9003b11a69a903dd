package io.noseid.worker.detection;

import io.noseid.worker.detection.EvaluationSet.Box;
import io.noseid.worker.detection.EvaluationSet.LabelledImage;
import io.noseid.worker.matcher.synthetic.CloseUpRenderer;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Prints the acceptance figures of a nose model on dog-nose-boxes: AP@0.5 on the photos, the close-up hit rate
 * (nose 40-90 % of the frame, IoU >= 0.5) and the no-nose acceptance rate at the configured threshold.
 * <pre>
 * ./noseid eval detector [--split test|val|val-unseen|val-faces|closeups|closeups-val|closeups-owner] [--dataset DIR]
 *     [--model classpath:models/... | FILE] [--size 320] [--threshold 0.3] [--second-look off|SHARE:MEAN] [--tune]
 * </pre>
 * {@code --tune} (meant for --split val) also prints the figures for a range of thresholds and the nose
 * sharpness / size statistics used to choose the quality gate settings.
 */
public final class DetectorEvaluation {

    public static final long SEED = 20261129L;

    /** The figures of one run. */
    public record Report(int photos, int noses, double ap50, int closeUps, int closeUpHits, int negatives,
                         int negativesAccepted, double threshold) {

        public double closeUpHitRate() {
            return (double) closeUpHits / closeUps;
        }

        public double negativeAcceptance() {
            return (double) negativesAccepted / negatives;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, """
                    photos %d (noses %d): AP@0.5 = %.4f
                    close-ups (nose 40-90%% of the frame): found with IoU >= 0.5 in %d/%d = %.2f%% (threshold %.2f)
                    no-nose images: accepted %d/%d = %.2f%% (threshold %.2f)""",
                    photos, noses, ap50, closeUpHits, closeUps, 100 * closeUpHitRate(), threshold,
                    negativesAccepted, negatives, 100 * negativeAcceptance(), threshold);
        }
    }

    private record Scored(double score, boolean truePositive) {
    }

    private DetectorEvaluation() {
    }

    public static Report evaluate(NoseDetector detector, Path dataset, String split) {
        List<LabelledImage> photos = EvaluationSet.read(dataset, split);
        List<LabelledImage> closeUps = EvaluationSet.closeUps(photos, SEED);
        List<Mat> negatives = negatives(photos);
        double threshold = detector.settings().confidenceThreshold();
        double ap = ap50(detector, photos);
        int hits = 0;
        for (LabelledImage c : closeUps) {
            // The worker's decision (threshold and second look), then the box it would crop.
            if (hit(detector.detect(c.bgr()).stream().toList(), c.noses().getFirst())) {
                hits++;
            }
        }
        int accepted = 0;
        for (Mat n : negatives) {
            if (detector.detect(n).isPresent()) {
                accepted++;
            }
        }
        int noses = photos.stream().mapToInt(p -> p.noses().size()).sum();
        return new Report(photos.size(), noses, ap, closeUps.size(), hits, negatives.size(), accepted, threshold);
    }

    /** Two crops away from the nose per photo, topped up with generated textures to at least 200 images. */
    static List<Mat> negatives(List<LabelledImage> photos) {
        List<Mat> negatives = new ArrayList<>(EvaluationSet.noNoseCrops(photos, 2, SEED + 1));
        negatives.addAll(EvaluationSet.textures(Math.max(100, 200 - negatives.size()), SEED + 2));
        return negatives;
    }

    private static boolean hit(List<NoseDetection> detections, Box nose) {
        return !detections.isEmpty() && nose.iou(detections.getFirst()) >= 0.5;
    }

    /** VOC-style all-point interpolated average precision at IoU 0.5 over every detection (conf >= 0.001). */
    static double ap50(NoseDetector detector, List<LabelledImage> photos) {
        List<Scored> scored = new ArrayList<>();
        int total = 0;
        for (LabelledImage photo : photos) {
            total += photo.noses().size();
            Set<Integer> matched = new HashSet<>();
            for (NoseDetection d : detector.detectAll(photo.bgr(), 0.001)) {
                int best = -1;
                double bestIou = 0;
                for (int i = 0; i < photo.noses().size(); i++) {
                    double iou = photo.noses().get(i).iou(d);
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = i;
                    }
                }
                boolean tp = bestIou >= 0.5 && matched.add(best);
                scored.add(new Scored(d.confidence(), tp));
            }
        }
        scored.sort(Comparator.comparingDouble(s -> -s.score()));
        int n = scored.size();
        double[] precision = new double[n + 2];
        double[] recall = new double[n + 2];
        int tp = 0;
        for (int i = 0; i < n; i++) {
            if (scored.get(i).truePositive()) {
                tp++;
            }
            recall[i + 1] = (double) tp / total;
            precision[i + 1] = (double) tp / (i + 1);
        }
        precision[0] = 1;
        recall[n + 1] = 1;
        precision[n + 1] = 0;
        for (int i = n; i >= 0; i--) {
            precision[i] = Math.max(precision[i], precision[i + 1]);
        }
        double ap = 0;
        for (int i = 0; i <= n; i++) {
            ap += (recall[i + 1] - recall[i]) * precision[i + 1];
        }
        return ap;
    }

    /** Figures for several thresholds plus nose sharpness and size statistics (for choosing settings on val). */
    static void tune(NoseDetector detector, Path dataset, String split) {
        List<LabelledImage> photos = EvaluationSet.read(dataset, split);
        List<LabelledImage> closeUps = EvaluationSet.closeUps(photos, SEED);
        List<Mat> negatives = negatives(photos);
        List<Double> closeTop = new ArrayList<>();
        for (LabelledImage c : closeUps) {
            List<NoseDetection> all = detector.detectAll(c.bgr(), 0.001);
            closeTop.add(hit(all, c.noses().getFirst()) ? all.getFirst().confidence() : -1.0);
        }
        List<Double> photoTop = new ArrayList<>();
        for (LabelledImage p : photos) {
            List<NoseDetection> all = detector.detectAll(p.bgr(), 0.001);
            boolean ok = !all.isEmpty() && p.noses().stream().anyMatch(b -> b.iou(all.getFirst()) >= 0.5);
            photoTop.add(ok ? all.getFirst().confidence() : -1.0);
        }
        List<Double> negTop = new ArrayList<>();
        for (Mat n : negatives) {
            List<NoseDetection> all = detector.detectAll(n, 0.001);
            negTop.add(all.isEmpty() ? 0.0 : all.getFirst().confidence());
        }
        int crops = EvaluationSet.noNoseCrops(photos, 2, SEED + 1).size();
        System.out.println("threshold  photo-top1-hit  close-up-hit  no-nose-accepted  (crops " + crops
                + " / textures " + (negTop.size() - crops) + ")");
        for (double t = 0.05; t < 0.91; t += 0.05) {
            final double th = t;
            System.out.printf(Locale.ROOT, "%9.2f  %14.3f  %12.3f  %16.3f  (%d / %d)%n", t,
                    photoTop.stream().filter(s -> s >= th).count() / (double) photoTop.size(),
                    closeTop.stream().filter(s -> s >= th).count() / (double) closeTop.size(),
                    negTop.stream().filter(s -> s >= th).count() / (double) negTop.size(),
                    negTop.subList(0, crops).stream().filter(s -> s >= th).count(),
                    negTop.subList(crops, negTop.size()).stream().filter(s -> s >= th).count());
        }
    }

    /**
     * Sharpness of the labelled noses of at least 40 px as photographed, and after a Gaussian blur of 1 and 2 px
     * at the measuring scale (a slightly and a clearly out-of-focus photo); and the nose sizes.
     */
    static void qualityStatistics(List<LabelledImage> photos) {
        List<Double> sharp = new ArrayList<>();
        List<Double> blur1 = new ArrayList<>();
        List<Double> blur2 = new ArrayList<>();
        List<Double> sides = new ArrayList<>();
        int size = QualitySettings.defaults().sharpnessSize();
        for (LabelledImage p : photos) {
            for (Box b : p.noses()) {
                NoseDetection d = asDetection(b);
                sides.add((double) d.minSide());
                if (d.minSide() < 40) {
                    continue;
                }
                sharp.add(NoseQualityGate.sharpness(p.bgr(), d, size));
                double scale = Math.min(1.0, (double) size / Math.max(d.width(), d.height()));
                for (double sigma : new double[] {1.0, 2.0}) {
                    Mat blurred = new Mat();
                    Imgproc.GaussianBlur(p.bgr(), blurred, new Size(0, 0), sigma / scale);
                    (sigma < 1.5 ? blur1 : blur2).add(NoseQualityGate.sharpness(blurred, d, size));
                    blurred.release();
                }
            }
        }
        System.out.println("nose min side px: " + percentiles(sides));
        System.out.println("sharpness (variance of Laplacian, longer side <= " + size
                + " px) of the " + sharp.size() + " noses >= 40 px:");
        System.out.println("  as photographed " + percentiles(sharp));
        System.out.println("  blur sigma 1 px " + percentiles(blur1));
        System.out.println("  blur sigma 2 px " + percentiles(blur2));
    }

    private static NoseDetection asDetection(Box b) {
        return new NoseDetection((int) Math.round(b.x1()), (int) Math.round(b.y1()),
                (int) Math.max(1, Math.round(b.width())), (int) Math.max(1, Math.round(b.height())), 1.0);
    }

    private static String percentiles(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        StringBuilder sb = new StringBuilder();
        for (int p : new int[] {0, 5, 10, 25, 50, 75, 90, 100}) {
            double v = sorted.get((int) Math.min(sorted.size() - 1, Math.round(p / 100.0 * (sorted.size() - 1))));
            sb.append(String.format(Locale.ROOT, "p%d=%.1f ", p, v));
        }
        return sb.toString().trim();
    }

    /**
     * Issue 12's close-up test set ({@link CloseUpTestSet}); {@code val}: the same kinds from the checkpoint-choice
     * seed and dog-nose-boxes' val-unseen photos, where thresholds are chosen ({@code tune} prints a table);
     * {@code owner}: the test seed's close-ups framed as owners frame them (nose about 70-95 % of the frame).
     */
    /** Zoom crops per val-unseen photo when tuning on closeups-val: its 26 photos alone give a coarse rate. */
    static final int VAL_CLOSE_UPS_PER_PHOTO = 4;

    static void closeUps(NoseDetector detector, Path dataset, boolean val, boolean owner, boolean tune) {
        CloseUpTestSet.Scores scores = CloseUpTestSet.score(detector, val ? 7200 : CloseUpTestSet.SEED,
                owner ? CloseUpRenderer.OWNER : CloseUpRenderer.TRAINING, Optional.of(dataset), val ? "val-unseen" : "test",
                val ? VAL_CLOSE_UPS_PER_PHOTO : 1, 75, 240);
        DetectorSettings settings = detector.settings();
        System.out.println(scores.at(settings.confidenceThreshold(), settings.secondLook()));
        if (tune) {
            System.out.println("first look alone:");
            System.out.println("threshold  rendered-found  dataset-found  no-nose-accepted");
            for (double t = 0.05; t < 0.91; t += 0.05) {
                CloseUpTestSet.Report r = scores.at(t, SecondLook.OFF);
                System.out.printf(Locale.ROOT, "%9.2f  %14.3f  %13.3f  %16.3f%n", t, r.renderedRate(),
                        r.datasetRate(), r.noNoseAcceptance());
            }
            System.out.printf(Locale.ROOT, "with a second look at %.0f%% of the canvas below the threshold:%n",
                    100 * settings.secondLook().imageShare());
            System.out.println("threshold  mean-of-looks  rendered-found  dataset-found  no-nose-accepted");
            for (double t = 0.60; t < 0.91; t += 0.05) {
                for (double mean = 0.45; mean < t + 0.001; mean += 0.05) {
                    CloseUpTestSet.Report r = scores.at(t,
                            new SecondLook(true, settings.secondLook().imageShare(), mean));
                    System.out.printf(Locale.ROOT, "%9.2f  %13.2f  %14.3f  %13.3f  %16.3f%n", t, mean,
                            r.renderedRate(), r.datasetRate(), r.noNoseAcceptance());
                }
            }
        }
    }

    /** {@code off}, or {@code SHARE:MEAN} (for example {@code 0.6:0.60}). */
    static SecondLook parseSecondLook(String spec) {
        if (spec.equals("off")) {
            return SecondLook.OFF;
        }
        String[] parts = spec.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--second-look takes off or SHARE:MEAN, was " + spec);
        }
        return new SecondLook(true, Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
    }

    public static void main(String[] args) {
        String split = "test";
        Path dataset = null;
        DetectorSettings settings = DetectorSettings.defaults();
        String model = settings.modelLocation();
        int size = settings.inputSize();
        double threshold = settings.confidenceThreshold();
        boolean tune = false;
        SecondLook secondLook = settings.secondLook();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--split" -> split = args[++i];
                case "--dataset" -> dataset = Path.of(args[++i]);
                case "--model" -> model = args[++i];
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--threshold" -> threshold = Double.parseDouble(args[++i]);
                case "--tune" -> tune = true;
                case "--second-look" -> secondLook = parseSecondLook(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (dataset == null) {
            dataset = EvaluationSet.findDataset().orElseThrow(() -> new IllegalStateException(
                    "dog-nose-boxes not found: pass --dataset DIR or run from the repository or module folder"));
        }
        settings = settings.withModel(model, size).withConfidenceThreshold(threshold).withSecondLook(secondLook);
        long start = System.nanoTime();
        try (NoseDetector detector = NoseDetector.load(settings)) {
            System.out.printf(Locale.ROOT, "model %s at %d px, loaded in %.0f ms; dataset %s, split %s%n",
                    model, size, (System.nanoTime() - start) / 1e6, dataset, split);
            if (split.startsWith("closeups")) {
                closeUps(detector, dataset, split.equals("closeups-val"), split.equals("closeups-owner"), tune);
                return;
            }
            System.out.println(evaluate(detector, dataset, split));
            if (tune) {
                tune(detector, dataset, split);
                System.out.println("quality statistics on the whole train split (never the test split):");
                qualityStatistics(EvaluationSet.read(dataset, "train"));
            }
        }
    }
}
