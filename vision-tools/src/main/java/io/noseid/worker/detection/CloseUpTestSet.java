package io.noseid.worker.detection;

import io.noseid.worker.detection.EvaluationSet.LabelledImage;
import io.noseid.worker.matcher.synthetic.CloseUpRenderer;
import io.noseid.worker.matcher.synthetic.NoNoseRenderer;
import io.noseid.worker.matcher.synthetic.NoseParamsV2;
import io.noseid.worker.matcher.synthetic.SyntheticNoseGenerator;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * Issue 12's close-up test set, kept apart from training: rendered phone close-ups of a held-out seed (training
 * renders seed 7100, checkpoint choice 7200, this set {@link #SEED}), the close-ups of dog-nose-boxes' test split
 * (zoom crops, nose 40-90 % of the frame) and no-nose photos: rendered ones of every {@link NoNoseRenderer.Kind}
 * plus the test split's crops away from the nose and generated textures. A nose counts as found when the detector's
 * surest box at its threshold has IoU >= 0.5 with it; a no-nose photo is accepted when any box reaches the threshold.
 */
public final class CloseUpTestSet {

    public static final long SEED = 7300;

    /** Counts of one run; dataset counts are 0 when dog-nose-boxes is absent. */
    public record Report(long seed, int rendered, int renderedFound, int datasetCloseUps, int datasetFound, int renderedNoNose,
                         int renderedNoNoseAccepted, int datasetNoNose, int datasetNoNoseAccepted,
                         Map<NoNoseRenderer.Kind, Integer> acceptedByKind, double threshold, SecondLook look) {

        public double renderedRate() {
            return renderedFound / (double) rendered;
        }

        public double datasetRate() {
            return datasetFound / (double) Math.max(1, datasetCloseUps);
        }

        public int noNose() {
            return renderedNoNose + datasetNoNose;
        }

        public double noNoseAcceptance() {
            return (renderedNoNoseAccepted + datasetNoNoseAccepted) / (double) noNose();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, """
                    close-up test set (threshold %.2f, %s):
                      rendered close-ups (seed %d): found %d/%d = %.1f%%
                      dog-nose-boxes close-ups: found %d/%d = %.1f%%
                      no-nose: accepted %d/%d = %.1f%% (rendered %d/%d, dataset crops and textures %d/%d)
                      rendered no-nose accepted by kind: %s""",
                    threshold, describe(look), seed, renderedFound, rendered, 100 * renderedRate(), datasetFound,
                    datasetCloseUps,
                    100 * datasetRate(), renderedNoNoseAccepted + datasetNoNoseAccepted, noNose(),
                    100 * noNoseAcceptance(), renderedNoNoseAccepted, renderedNoNose, datasetNoNoseAccepted,
                    datasetNoNose, acceptedByKind);
        }
    }

    private CloseUpTestSet() {
    }

    private static String describe(SecondLook look) {
        return look.enabled() ? String.format(Locale.ROOT, "second look at %.0f%% of the canvas, mean >= %.2f",
                100 * look.imageShare(), look.threshold()) : "no second look";
    }

    /**
     * What the detector's two looks said of one image: for a close-up, the surest box's confidence when that box has
     * IoU >= 0.5 with the nose, else -1 (a wrong box finds nothing at any threshold); for a no-nose photo the surest
     * box's confidence, or 0. {@code second}: the second look's confidence in that box ({@link SecondLook}).
     */
    public record Look(double first, double second) {

        /** Whether the detector accepts the surest box at this threshold and second look. */
        public boolean accepted(double threshold, SecondLook look) {
            return first >= threshold || first >= 0 && look.worthALook(first) && look.accepts(first, second);
        }
    }

    /** Every image's {@link Look}, so that thresholds can be tried without running the model again. */
    public record Scores(long seed, Look[] rendered, Look[] dataset, Look[] renderedNoNose,
                         NoNoseRenderer.Kind[] kinds, Look[] datasetNoNose) {

        public Report at(double threshold, SecondLook look) {
            Map<NoNoseRenderer.Kind, Integer> byKind = new EnumMap<>(NoNoseRenderer.Kind.class);
            for (int i = 0; i < renderedNoNose.length; i++) {
                if (renderedNoNose[i].accepted(threshold, look)) {
                    byKind.merge(kinds[i], 1, Integer::sum);
                }
            }
            return new Report(seed, rendered.length, count(rendered, threshold, look), dataset.length,
                    count(dataset, threshold, look), renderedNoNose.length, count(renderedNoNose, threshold, look),
                    datasetNoNose.length, count(datasetNoNose, threshold, look), byKind, threshold, look);
        }

        private static int count(Look[] looks, double threshold, SecondLook look) {
            int n = 0;
            for (Look l : looks) {
                n += l.accepted(threshold, look) ? 1 : 0;
            }
            return n;
        }
    }

    /** The test set at the detector's threshold: {@code dogs} x 4 close-ups, {@code noNose} rendered no-nose. */
    public static Report evaluate(NoseDetector detector, Optional<Path> dataset, int dogs, int noNose) {
        return score(detector, SEED, CloseUpRenderer.TRAINING, dataset, "test", 1, dogs, noNose)
                .at(detector.settings().confidenceThreshold(), detector.settings().secondLook());
    }

    /**
     * Scores of rendered seed {@code seed} (close-ups framed as {@code framing}: the test set's
     * {@link CloseUpRenderer#TRAINING} range, or {@link CloseUpRenderer#OWNER} as owners frame them) and of
     * dog-nose-boxes {@code split} (test, or val-unseen for tuning) with {@code closeUpsPerPhoto} zoom crops of each
     * photo (the test set has 1; tuning takes more because val-unseen has only 26 photos with a nose).
     */
    public static Scores score(NoseDetector detector, long seed, CloseUpRenderer.Framing framing,
                               Optional<Path> dataset, String split, int closeUpsPerPhoto, int dogs, int noNose) {
        CloseUpRenderer renderer = new CloseUpRenderer(seed, NoseParamsV2.detectorCloseUps(), framing);
        Look[] rendered = new Look[dogs * 4];
        for (int d = 0; d < dogs; d++) {
            SyntheticNoseGenerator.DogPattern dog = renderer.dog(d);
            for (int k = 0; k < 4; k++) {
                CloseUpRenderer.CloseUp c = renderer.render(dog, k);
                rendered[d * 4 + k] = look(detector, c.image(), c.box());
                c.image().release();
            }
            dog.canonical().release();
        }
        NoNoseRenderer noNoseRenderer = new NoNoseRenderer(seed);
        Look[] renderedNoNose = new Look[noNose];
        NoNoseRenderer.Kind[] kinds = new NoNoseRenderer.Kind[noNose];
        for (int i = 0; i < noNose; i++) {
            Mat image = noNoseRenderer.render(i);
            renderedNoNose[i] = look(detector, image, null);
            kinds[i] = NoNoseRenderer.kind(i);
            image.release();
        }
        Look[] closeUps = new Look[0];
        Look[] negatives = new Look[0];
        if (dataset.isPresent()) {
            List<LabelledImage> photos = EvaluationSet.read(dataset.get(), split);
            closeUps = LongStream.range(0, closeUpsPerPhoto)
                    .mapToObj(k -> EvaluationSet.closeUps(photos, DetectorEvaluation.SEED + k))
                    .flatMap(List::stream)
                    .map(c -> look(detector, c.bgr(), c.noses().getFirst().rect()))
                    .toArray(Look[]::new);
            negatives = DetectorEvaluation.negatives(photos).stream()
                    .map(n -> look(detector, n, null)).toArray(Look[]::new);
        }
        return new Scores(seed, rendered, closeUps, renderedNoNose, kinds, negatives);
    }

    /** The image's two looks; {@code nose} null for a no-nose photo. */
    private static Look look(NoseDetector detector, Mat image, Rect nose) {
        List<NoseDetection> all = detector.detectAll(image, 0.001);
        if (all.isEmpty()) {
            return new Look(nose == null ? 0 : -1, 0);
        }
        NoseDetection surest = all.getFirst();
        if (nose != null && !found(all, nose)) {
            return new Look(-1, 0);
        }
        return new Look(surest.confidence(), detector.secondLook(image, surest));
    }

    static boolean found(List<NoseDetection> detections, Rect box) {
        if (detections.isEmpty()) {
            return false;
        }
        NoseDetection d = detections.getFirst();
        return YoloOutput.iou(new double[] {box.x, box.y, box.x + box.width, box.y + box.height},
                new double[] {d.x(), d.y(), d.x() + d.width(), d.y() + d.height()}) >= 0.5;
    }
}
