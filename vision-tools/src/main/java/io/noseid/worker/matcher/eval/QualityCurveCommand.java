package io.noseid.worker.matcher.eval;

import io.noseid.worker.detection.NoseDetection;
import io.noseid.worker.detection.NoseQualityGate;
import io.noseid.worker.detection.QualitySettings;
import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.GeometricVerifier;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.Vocabulary;
import io.noseid.worker.matcher.synthetic.CloseUpRenderer;
import io.noseid.worker.matcher.synthetic.NoseParamsV2;
import io.noseid.worker.matcher.synthetic.SyntheticNoseGenerator;
import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * Where the quality gate should refuse (issue 12 item 4): genuine probes that are phone close-ups of generator v2's
 * dogs ({@link CloseUpRenderer}, the nose 70-95 % of the frame as owners send it), cropped at their nose box as the
 * worker crops them, each measured as the gate can measure it (sharpness of the box shrunk to the gate's size, sharpness at the matcher's working size, mean
 * luminance, nose side) and verified against its dog's 5 enrolled close-ups (cropped the same way). A probe is matchable when its best inlier
 * count exceeds the most any of 100 impostor close-ups reached over 25 gallery photos (the rule of the real
 * photos' figures). For each candidate threshold the command prints the share of probes refused, the match rate of
 * those refused and of those kept: a threshold is worth having only where the refused probes mostly fail.
 * <pre>
 *   ./noseid eval quality [--seed 1000 --dogs 100 --probes 3 --threads 2 --out FILE]
 * </pre>
 * Tune on generator v2's tuning seeds (1000-1002) only.
 */
public final class QualityCurveCommand {

    private static final int ENROL = 5;

    /** One genuine probe: what the gate can measure, and whether the matcher could match it. */
    record Measured(double sharpnessGate, double sharpnessWorking, double luminance, int minSide, int best) {
    }

    /** One dog: its enrolled close-ups' templates, its probes' measures, and its first probe (an impostor elsewhere). */
    private record DogResult(List<NoseTemplate> enrolled, List<Measured> measured, NoseTemplate firstProbe) {
    }

    private QualityCurveCommand() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = EvaluateCommand.options(args);
        long seed = Long.parseLong(a.getOrDefault("seed", "1000"));
        int dogs = Integer.parseInt(a.getOrDefault("dogs", "100"));
        int probes = Integer.parseInt(a.getOrDefault("probes", "3"));
        OpenCv.ensureLoaded();
        ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(a.getOrDefault("threads", "2")));
        try {
            String text = run(seed, dogs, probes, pool);
            System.out.print(text);
            if (a.containsKey("out")) {
                Files.writeString(Path.of(a.get("out")), text);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String run(long seed, int dogs, int probes, ExecutorService pool) throws Exception {
        MatcherSettings s = MatcherSettings.defaults();
        QualitySettings q = QualitySettings.defaults();
        Vocabulary v = Vocabulary.loadDefault();
        FeatureExtractor fx = new FeatureExtractor(s, v);
        GeometricVerifier verifier = new GeometricVerifier(s);
        CloseUpRenderer closeUps = new CloseUpRenderer(seed, NoseParamsV2.defaults(), CloseUpRenderer.OWNER);
        NoseQualityGate gate = new NoseQualityGate(q);
        List<Future<DogResult>> jobs = new ArrayList<>();
        for (int d = 0; d < dogs; d++) {
            int dog = d;
            jobs.add(pool.submit(() -> {
                SyntheticNoseGenerator.DogPattern pattern = closeUps.dog(dog);
                List<NoseTemplate> enrolled = new ArrayList<>();
                for (int k = 0; k < ENROL; k++) {
                    CloseUpRenderer.CloseUp c = closeUps.render(pattern, k);
                    Mat crop = gate.crop(c.image(), detection(c.box()));
                    enrolled.add(fx.extract(crop));
                    crop.release();
                    c.image().release();
                }
                List<Measured> measured = new ArrayList<>();
                NoseTemplate firstProbe = null;
                for (int k = ENROL; k < ENROL + probes; k++) {
                    CloseUpRenderer.CloseUp c = closeUps.render(pattern, k);
                    NoseDetection box = detection(c.box());
                    Mat crop = gate.crop(c.image(), box);
                    NoseTemplate t = fx.extract(crop);
                    firstProbe = firstProbe == null ? t : firstProbe;
                    GeometricVerifier.Probe probe = GeometricVerifier.Probe.of(t);
                    int best = 0;
                    for (NoseTemplate e : enrolled) {
                        best = Math.max(best, verifier.inliers(probe, e, e.descriptorFloats()));
                    }
                    measured.add(new Measured(NoseQualityGate.sharpness(c.image(), box, q.sharpnessSize()),
                            NoseQualityGate.sharpnessAtWorkingSize(crop, s.workingSize()),
                            NoseQualityGate.luminance(c.image(), box), box.minSide(), best));
                    crop.release();
                    c.image().release();
                }
                pattern.canonical().release();
                return new DogResult(enrolled, measured, firstProbe);
            }));
        }
        List<NoseTemplate> gallery = new ArrayList<>();
        List<Measured> genuine = new ArrayList<>();
        List<NoseTemplate> firstProbes = new ArrayList<>();
        for (Future<DogResult> f : jobs) {
            DogResult r = f.get();
            gallery.addAll(r.enrolled());
            genuine.addAll(r.measured());
            firstProbes.add(r.firstProbe());
        }
        // Impostors: each dog's first close-up probe against 25 enrolled photos of other dogs.
        int impostors = Math.min(InlierStats.IMPOSTOR_PROBES, dogs);
        List<Future<Integer>> imp = new ArrayList<>();
        for (int i = 0; i < impostors; i++) {
            int dog = i;
            NoseTemplate probe = firstProbes.get(i);
            imp.add(pool.submit(() -> {
                SplittableRandom r = new SplittableRandom(seed * 31 + dog);
                GeometricVerifier.Probe p = GeometricVerifier.Probe.of(probe);
                int most = 0;
                for (int k = 0; k < InlierStats.GALLERY_PHOTOS; k++) {
                    int g;
                    do {
                        g = r.nextInt(gallery.size());
                    } while (g / ENROL == dog);
                    NoseTemplate t = gallery.get(g);
                    most = Math.max(most, verifier.inliers(p, t, t.descriptorFloats()));
                }
                return most;
            }));
        }
        int cut = 0;
        for (Future<Integer> f : imp) {
            cut = Math.max(cut, f.get());
        }
        return report(seed, dogs, probes, cut, genuine, q);
    }

    static String report(long seed, int dogs, int probes, int cut, List<Measured> genuine, QualitySettings q) {
        StringBuilder sb = new StringBuilder();
        long matchable = genuine.stream().filter(m -> m.best() > cut).count();
        sb.append(String.format(Locale.ROOT, "quality curve on owner close-ups (nose about 70-95 %% of the frame) of generator v2 seed %d: %d dogs x %d "
                        + "close-up probes, 5 enrolled close-ups each (all cropped at their nose box as the worker crops); impostor cut %d inliers; matchable %d/%d = %.2f%n",
                seed, dogs, probes, cut, matchable, genuine.size(), matchable / (double) genuine.size()));
        curve(sb, "sharpness of the box at <= " + q.sharpnessSize() + " px (the gate today)", genuine, cut,
                Measured::sharpnessGate);
        curve(sb, "sharpness at the matcher's working size", genuine, cut, Measured::sharpnessWorking);
        curve(sb, "mean luminance of the box", genuine, cut, Measured::luminance);
        curve(sb, "nose box min side px", genuine, cut, Measured::minSide);
        return sb.toString();
    }

    /** Thresholds at the 0-50th percentiles of the measure: refused share, match rate refused / kept. */
    static void curve(StringBuilder sb, String label, List<Measured> genuine, int cut,
                      ToDoubleFunction<Measured> measure) {
        List<Measured> sorted = genuine.stream().sorted(Comparator.comparingDouble(measure)).toList();
        sb.append(label).append(":\n  threshold  refused  match-rate-refused  match-rate-kept\n");
        for (int pct : new int[] {0, 2, 5, 10, 15, 20, 30, 40, 50}) {
            int n = (int) Math.round(pct / 100.0 * sorted.size());
            double t = n < sorted.size() ? measure.applyAsDouble(sorted.get(n)) : Double.POSITIVE_INFINITY;
            List<Measured> refused = sorted.stream().filter(m -> measure.applyAsDouble(m) < t).toList();
            List<Measured> kept = sorted.stream().filter(m -> measure.applyAsDouble(m) >= t).toList();
            sb.append(String.format(Locale.ROOT, "  %9.1f  %7.2f  %18s  %15s%n", t,
                    refused.size() / (double) sorted.size(), rate(refused, cut), rate(kept, cut)));
        }
    }

    private static String rate(List<Measured> ms, int cut) {
        return ms.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f (%d)",
                ms.stream().filter(m -> m.best() > cut).count() / (double) ms.size(), ms.size());
    }

    private static NoseDetection detection(Rect box) {
        return new NoseDetection(box.x, box.y, box.width, box.height, 1.0);
    }
}
