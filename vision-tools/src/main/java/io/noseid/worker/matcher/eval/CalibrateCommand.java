package io.noseid.worker.matcher.eval;

import io.noseid.worker.gallery.InMemoryGalleryStore;
import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.Vocabulary;
import io.noseid.worker.matcher.synthetic.NoseGenerator;
import io.noseid.worker.vision.OpenCv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.noseid.worker.matcher.eval.CalibrationTable.Kind.COUNT;
import static io.noseid.worker.matcher.eval.CalibrationTable.Kind.SHARE;

/**
 * Prints the generator's figures beside the figures measured on real nose photos (issue 11, matcher-findings.md),
 * with the same protocol: 5 enrolled photos and 1 unseen genuine probe per dog, impostor dogs with 1 photo each,
 * the landed matcher's default settings and the shipped vocabulary. Usage (see vision-worker/MATCHER.md):
 * <pre>
 *   ./noseid eval calibrate [--generator v1|v2] [--params key=value,...] [--seed 2026] [--dogs 100]
 *       [--impostors 100] [--distractors 200] [--every-dog true] [--features true] [--threads 2] [--cache DIR]
 *       [--out FILE]
 * </pre>
 * {@code --features false} skips the rows of other local features (issue 11 item 5: how many genuine probes each
 * makes matchable), which extract every genuine and impostor photo again once per feature setting.
 * {@code --distractors} grows the gallery for the G = dogs + distractors row (0 skips it); {@code --every-dog false}
 * skips the slowest row (every dog verified).
 */
public final class CalibrateCommand {

    private static final int ENROL = 5;

    private CalibrateCommand() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = EvaluateCommand.options(args);
        long seed = Long.parseLong(a.getOrDefault("seed", "2026"));
        NoseGenerator g = NoseGenerator.of(a.getOrDefault("generator", "v1"), seed, a.getOrDefault("params", ""));
        EvalDataset ds = EvalDataset.synthetic(g, Integer.parseInt(a.getOrDefault("dogs", "100")), ENROL + 1, ENROL,
                Integer.parseInt(a.getOrDefault("impostors", "100")),
                Integer.parseInt(a.getOrDefault("distractors", "200")));
        OpenCv.ensureLoaded();
        ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(a.getOrDefault("threads", "2")));
        try {
            CalibrationTable t = run(ds, Vocabulary.loadDefault(), pool,
                    Boolean.parseBoolean(a.getOrDefault("every-dog", "true")),
                    Boolean.parseBoolean(a.getOrDefault("features", "true")),
                    a.containsKey("cache") ? Path.of(a.get("cache")) : null, seed);
            String text = header(ds) + "\n" + t.format();
            System.out.println();
            System.out.print(text);
            if (a.containsKey("out")) {
                Files.writeString(Path.of(a.get("out")), text);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String header(EvalDataset ds) {
        int g = ds.genuine().size();
        return String.format("calibration on %s: %d dogs (%d enrolled photos + 1 probe each), %d impostor dogs "
                        + "(1 photo each; real: G + 1,000), %d more dogs for G = %d; the landed matcher's settings "
                        + "(a236a37), vocabulary %s%n",
                ds.name(), g, ds.enrol(), ds.impostors().size(), ds.distractors().size(),
                g + ds.distractors().size(), Vocabulary.loadDefault().version());
    }

    /**
     * The ruler: the settings of the landed matcher (main a236a37) that the real figures were measured with, where
     * today's defaults differ from them (probe keypoints under one word, 5 dogs verified).
     */
    static final Map<String, String> RULER = Map.of("shortlist.probe-words", "1", "verification.dogs", "5");

    static CalibrationTable run(EvalDataset ds, Vocabulary v, ExecutorService pool, boolean everyDog,
                                boolean featureRows, Path cache, long seed) throws Exception {
        MatcherSettings s = MatcherSettings.of(RULER);
        List<DogFeatures> feats = DogFeatures.load(ds, s, v, new FeatureExtractor(s, v), pool, true, cache);
        int nGen = ds.genuine().size();
        int nImp = ds.impostors().size();
        List<DogFeatures> genuineF = feats.subList(0, nGen);
        List<DogFeatures> impostorF = feats.subList(nGen, nGen + nImp);
        List<DogFeatures> distractorF = feats.subList(nGen + nImp, feats.size());

        OpenSetMetrics base = OriginalDesign.evaluate(ENROL, genuineF, impostorF, pool);
        EvaluateCommand.Phase small;
        EvaluateCommand.Phase large = null;
        try (NoseMatcher m = new NoseMatcher(s, v, new InMemoryGalleryStore())) {
            enrol(m, ds.genuine(), genuineF);
            small = EvaluateCommand.probe("identify @" + nGen, m, ds, genuineF, impostorF, pool);
            if (!distractorF.isEmpty()) {
                enrol(m, ds.distractors(), distractorF);
                large = EvaluateCommand.probe("identify @" + m.gallerySize(), m, ds, genuineF, List.of(), pool);
            }
        }
        double everyDogRank1 = Double.NaN;
        if (everyDog) {
            MatcherSettings all = MatcherSettings.of(Map.of("shortlist.size", "100", "verification.dogs", "100",
                    "shortlist.probe-words", "1"));
            try (NoseMatcher m = new NoseMatcher(all, v, new InMemoryGalleryStore())) {
                enrol(m, ds.genuine(), genuineF);
                everyDogRank1 = EvaluateCommand.probe("every dog verified", m, ds, genuineF, List.of(), pool)
                        .metrics.rank1();
            }
        }
        InlierStats in = InlierStats.measure(genuineF, impostorF, ENROL, s, pool, seed);
        // The real figure of the large-gallery rows is at G = 300: the label says so when the run skipped them.
        CalibrationTable table = table(nGen, distractorF.isEmpty() ? 300 : nGen + distractorF.size(), base,
                small.metrics, large == null ? null : large.metrics, everyDogRank1, in);
        if (featureRows) {
            featureRows(table, ds, v, pool, cache, seed, in);
        }
        return table;
    }

    /**
     * How many genuine probes each local-feature setting makes matchable (more inliers with their dog than any
     * impostor probe reached), against the real photos' table of issue 11 item 5 (Python + OpenCV 4.6 there).
     */
    private static void featureRows(CalibrationTable t, EvalDataset ds, Vocabulary v, ExecutorService pool,
                                    Path cache, long seed, InlierStats today) throws Exception {
        EvalDataset probes = new EvalDataset(ds.name(), ENROL, ds.genuine(),
                ds.impostors().subList(0, Math.min(InlierStats.IMPOSTOR_PROBES, ds.impostors().size())), List.of());
        List<DogFeatures> sift1000 = features(probes, v, pool, cache,
                Map.of("features.max-keypoints", "1000", "features.working-size", "480"));
        List<DogFeatures> sift600 = features(probes, v, pool, cache,
                Map.of("features.max-keypoints", "600", "features.clahe-clip-limit", "4.0"));
        List<DogFeatures> akaze600 = features(probes, v, pool, cache, Map.of("features.akaze-keypoints", "600"));
        // The real sum row adds the inliers of two separate extractions: 600 RootSIFT at clip 4.0, AKAZE at 2.0.
        List<DogFeatures> sum = new ArrayList<>();
        for (int d = 0; d < sift600.size(); d++) {
            List<NoseTemplate> a = sift600.get(d).templates();
            List<NoseTemplate> b = akaze600.get(d).templates();
            List<NoseTemplate> both = new ArrayList<>();
            for (int k = 0; k < a.size(); k++) {
                NoseTemplate x = a.get(k);
                NoseTemplate y = b.get(k);
                both.add(new NoseTemplate(x.vocabularyVersion(), x.keypoints(),
                        x.descriptors(), x.words(), y.akazePoints(), y.akazeDescriptors()));
            }
            sum.add(new DogFeatures(both, sift600.get(d).extractNanos(), List.of()));
        }
        featureRow(t, "300 RootSIFT, 320 px (today)", 0.75, 31, 5, today);
        featureRow(t, "1,000 RootSIFT, 480 px", 0.83, 61, 6,
                stats(probes, sift1000, pool, seed, InlierStats.Evidence.SIFT));
        featureRow(t, "600 RootSIFT, CLAHE 4.0", 0.83, 52, 5,
                stats(probes, sift600, pool, seed, InlierStats.Evidence.SIFT));
        featureRow(t, "AKAZE 600, 320 px", 0.88, 87, 8,
                stats(probes, akaze600, pool, seed, InlierStats.Evidence.AKAZE));
        featureRow(t, "sum of 600 RootSIFT (4.0) and AKAZE 600", 0.90, 139, 11,
                stats(probes, sum, pool, seed, InlierStats.Evidence.SIFT_PLUS_AKAZE));
    }

    private static List<DogFeatures> features(EvalDataset ds, Vocabulary v, ExecutorService pool, Path cache,
                                              Map<String, String> settings) throws Exception {
        MatcherSettings s = MatcherSettings.of(settings);
        return DogFeatures.load(ds, s, v, new FeatureExtractor(s, v), pool, false, cache);
    }

    private static InlierStats stats(EvalDataset ds, List<DogFeatures> f, ExecutorService pool, long seed,
                                     InlierStats.Evidence evidence) throws Exception {
        int nGen = ds.genuine().size();
        return InlierStats.measure(f.subList(0, nGen), f.subList(nGen, f.size()), ENROL, MatcherSettings.of(RULER),
                pool, seed, evidence);
    }

    private static void featureRow(CalibrationTable t, String features, double matchable, double median,
                                   double impostorMax, InlierStats in) {
        t.add("matchable probes, " + features, matchable, in.matchable(), SHARE, true)
                .add("genuine median inliers, " + features, median, InlierStats.quantile(in.genuineBest(), 0.5),
                        COUNT, false)
                .add("impostor max inliers, " + features, impostorMax, InlierStats.max(in.impostorMax()), COUNT,
                        false);
    }

    private static void enrol(NoseMatcher m, List<EvalDataset.Dog> dogs, List<DogFeatures> f) {
        for (int i = 0; i < dogs.size(); i++) {
            m.enrol(EvaluateCommand.idOf(dogs.get(i).name()), f.get(i).templates().subList(0, ENROL));
        }
    }

    /**
     * The rows, with the real figures of issue 11 / matcher-findings.md (main a236a37, 2026-12-01). Rows in
     * brackets are not acceptance rows but help tuning.
     */
    static CalibrationTable table(int g, int gLarge, OpenSetMetrics base, OpenSetMetrics small, OpenSetMetrics large,
                                  double everyDogRank1, InlierStats in) {
        double nan = Double.NaN;
        return new CalibrationTable()
                .add("original design rank-1, G=" + g, 0.29, base.rank1(), SHARE, true)
                .add("original design TPIR @ FAR 1 %, G=" + g, 0.09, base.tpirAtFar(0.01), SHARE, true)
                .add("matcher rank-1, G=" + g, 0.62, small.rank1(), SHARE, true)
                .add("matcher rank-1, G=" + gLarge, 0.60, large == null ? nan : large.rank1(), SHARE, true)
                .add("shortlist recall @5, G=" + g, 0.65, small.shortlistRecall(5), SHARE, true)
                .add("shortlist recall @30, G=" + g, 0.80, small.shortlistRecall(30), SHARE, true)
                .add("every dog verified rank-1, G=" + g, 0.82, everyDogRank1, SHARE, true)
                .add("genuine probes, best of 5 < 8 inliers", 0.27, InlierStats.shareBelow(in.genuineBest(), 8),
                        SHARE, true)
                .add("genuine probes, best of 5 >= 100 inliers", 0.20,
                        InlierStats.shareAtLeast(in.genuineBest(), 100), SHARE, true)
                .add("impostor max inliers over 25 photos", 5, InlierStats.max(in.impostorMax()), COUNT, true)
                .add("matcher TPIR @ FAR 1 %, G=" + g, 0.61, small.tpirAtFar(0.01), SHARE, false)
                .add("shortlist recall @1, G=" + g, 0.56, small.shortlistRecall(1), SHARE, false)
                .add("shortlist recall @30, G=" + gLarge, 0.68, large == null ? nan : large.shortlistRecall(30),
                        SHARE, false)
                .add("genuine best of 5: p25 inliers", 6.5, InlierStats.quantile(in.genuineBest(), 0.25), COUNT,
                        false)
                .add("genuine best of 5: median inliers", 31, InlierStats.quantile(in.genuineBest(), 0.5), COUNT,
                        false)
                .add("genuine best of 5: p90 inliers", 135, InlierStats.quantile(in.genuineBest(), 0.9), COUNT,
                        false)
                .add("single genuine pair: median inliers", 3, InlierStats.quantile(in.genuinePairs(), 0.5), COUNT,
                        false)
                .add("single genuine pair: p75 inliers", 16, InlierStats.quantile(in.genuinePairs(), 0.75), COUNT,
                        false)
                .add("enrolled pairs of one dog: median", 3, InlierStats.quantile(in.enrolledPairs(), 0.5), COUNT,
                        false)
                .add("impostor best over 25 photos: median", 4, InlierStats.quantile(in.impostorMax(), 0.5), COUNT,
                        false);
    }
}
