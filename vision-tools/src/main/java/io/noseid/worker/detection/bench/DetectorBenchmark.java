package io.noseid.worker.detection.bench;

import io.noseid.worker.detection.CloseUpTestSet;
import io.noseid.worker.detection.DetectorSettings;
import io.noseid.worker.detection.EvaluationSet;
import io.noseid.worker.detection.NoseDetector;
import io.noseid.worker.matcher.synthetic.CloseUpRenderer;
import io.noseid.worker.matcher.synthetic.NoseParamsV2;
import io.noseid.worker.matcher.synthetic.SyntheticNoseGenerator;
import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Mat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Benchmark command (not a test): model load time and detection time per photo on one thread at the configured
 * input size. Prints medians, and how often a second look was needed, on the test photos of dog-nose-boxes (generated
 * images when absent) and on rendered owner close-ups of the held-out seed.
 * {@code ./noseid bench detector [--model FILE --size 256] [--iterations N]}.
 */
public final class DetectorBenchmark {

    private DetectorBenchmark() {
    }

    public static void main(String[] args) {
        OpenCv.ensureLoaded();
        DetectorSettings settings = DetectorSettings.defaults();
        int iterations = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> settings = settings.withModel(args[++i], settings.inputSize());
                case "--size" -> settings = settings.withModel(settings.modelLocation(), Integer.parseInt(args[++i]));
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        NoseDetector first = NoseDetector.load(settings);
        double coldLoadMs = (System.nanoTime() - t0) / 1e6;
        first.close();
        double[] loads = new double[5];
        for (int i = 0; i < loads.length; i++) {
            long t = System.nanoTime();
            NoseDetector d = NoseDetector.load(settings);
            loads[i] = (System.nanoTime() - t) / 1e6;
            d.close();
        }
        System.out.printf(Locale.ROOT, "model %s, input %d px, intra-op threads %s, threshold %.2f, %s%n",
                settings.modelLocation(), settings.inputSize(), System.getProperty("ai.djl.pytorch.num_threads"),
                settings.confidenceThreshold(), settings.secondLook());
        System.out.printf(Locale.ROOT, "load: first in JVM (engine start + model + warm-up) %.0f ms, "
                + "later loads median %.0f ms%n", coldLoadMs, median(loads));
        try (NoseDetector detector = NoseDetector.load(settings)) {
            measure(detector, "dog-nose-boxes test photos", photos(), iterations);
            measure(detector, "rendered owner close-ups (seed 7300)", closeUps(), iterations);
        }
    }

    /** Median and p90 of {@code detect} over the photos in turn, and the share that needed a second look. */
    private static void measure(NoseDetector detector, String name, List<Mat> photos, int iterations) {
        for (int i = 0; i < 30; i++) {
            detector.detect(photos.get(i % photos.size()));
        }
        long looksBefore = detector.secondLookCount();
        double[] times = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            Mat photo = photos.get(i % photos.size());
            long t = System.nanoTime();
            detector.detect(photo);
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "%s (%d photos): detect per photo (decode excluded; letterbox + inference + "
                        + "NMS + second look where needed), %d runs: median %.1f ms, p90 %.1f ms, min %.1f ms, "
                        + "max %.1f ms; second look on %.1f %% of the calls%n", name, photos.size(), iterations,
                times[iterations / 2], times[(int) (iterations * 0.9)], times[0], times[iterations - 1],
                100.0 * (detector.secondLookCount() - looksBefore) / iterations);
    }

    private static List<Mat> closeUps() {
        CloseUpRenderer renderer = new CloseUpRenderer(CloseUpTestSet.SEED, NoseParamsV2.detectorCloseUps(),
                CloseUpRenderer.OWNER);
        List<Mat> result = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            SyntheticNoseGenerator.DogPattern dog = renderer.dog(d);
            for (int k = 0; k < 3; k++) {
                result.add(renderer.render(dog, k).image());
            }
            dog.canonical().release();
        }
        return result;
    }

    private static List<Mat> photos() {
        Optional<Path> dataset = EvaluationSet.findDataset();
        if (dataset.isPresent()) {
            List<Mat> result = new ArrayList<>();
            EvaluationSet.read(dataset.get(), "test").forEach(p -> result.add(p.bgr()));
            return result;
        }
        return EvaluationSet.textures(20, 1);
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
