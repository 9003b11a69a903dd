package io.noseid.worker.matcher.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.noseid.worker.gallery.InMemoryGalleryStore;
import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.adaptation.AdaptationSettings;
import io.noseid.worker.adaptation.ImpostorCalibration;
import io.noseid.worker.adaptation.ThresholdCalibration;
import io.noseid.worker.adaptation.VerifierTraining;
import io.noseid.worker.adaptation.VocabularyLearner;
import io.noseid.worker.matcher.Codebook;
import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.VerificationModel;
import io.noseid.worker.matcher.ScoredDog;
import io.noseid.worker.matcher.Vocabulary;
import io.noseid.worker.matcher.synthetic.NoseGenerator;
import io.noseid.worker.vision.OpenCv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The evaluate command: enrols k photos per dog, probes with the rest and with dogs never enrolled, prints rank-1,
 * TPIR at FAR 1 % and 0.1 %, EER, shortlist recall and per-stage times for the matcher and for the original design,
 * and writes a JSON report and a ROC plot. Usage (see vision-worker/MATCHER.md):
 * <pre>
 *   --synthetic [--generator v1|v2] [--params key=value,...] [--seed 2026] [--dogs 100] [--photos 6]
 *   [--impostors 1000] [--distractors 900]
 *   --dir FOLDER [--impostor-share 0.2]
 *   [--enrol 5] [--threads 2] [--shortlist N] [--set key=value,...] [--baseline true] [--out target/matcher-eval]
 *   [--adapt] (learn vocabulary and threshold from the enrolled photos first, as an adaptation does)
 *   [--probe-photos 3] (also identify with 1, 2 and 3 photos of a dog in one request; synthetic dogs then get
 *   enough photos, impostor dogs 3 each)
 * </pre>
 * The JSON report lists every probe's result ({@code probes} in each phase).
 */
public final class EvaluateCommand {

    /** What one run measured; the acceptance test asserts on it. */
    public record Report(Map<String, Object> json, OpenSetMetrics matcher, OpenSetMetrics matcherLarge,
                         OpenSetMetrics baseline) {
    }

    /** Off for quick shortlist experiments: only genuine probes are identified (no FAR figures then). */
    private static boolean probeImpostors = true;

    private EvaluateCommand() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        int enrol = Integer.parseInt(a.getOrDefault("enrol", "5"));
        int probePhotos = Integer.parseInt(a.getOrDefault("probe-photos", "1"));
        if (probePhotos < 1 || probePhotos > 5) {
            throw new IllegalArgumentException("--probe-photos must be 1 to 5 (the API takes 1 to 5 photos)");
        }
        EvalDataset ds;
        if (a.containsKey("dir")) {
            ds = EvalDataset.folder(Path.of(a.get("dir")), enrol,
                    Double.parseDouble(a.getOrDefault("impostor-share", "0.2")), 1);
        } else {
            NoseGenerator generator = NoseGenerator.of(a.getOrDefault("generator", "v1"),
                    Long.parseLong(a.getOrDefault("seed", "2026")), a.getOrDefault("params", ""));
            ds = EvalDataset.synthetic(generator,
                    Integer.parseInt(a.getOrDefault("dogs", "100")),
                    Math.max(Integer.parseInt(a.getOrDefault("photos", "6")), enrol + probePhotos),
                    enrol, Integer.parseInt(a.getOrDefault("impostors", "1000")), probePhotos,
                    Integer.parseInt(a.getOrDefault("distractors", "900")));
        }
        MatcherSettings s = MatcherSettings.of(settingOverrides(a));
        probeImpostors = Boolean.parseBoolean(a.getOrDefault("probe-impostors", "true"));
        Vocabulary v = a.containsKey("vocabulary") ? readVocabulary(Path.of(a.get("vocabulary")))
                : Vocabulary.loadDefault();
        AdaptationSettings adapt = Boolean.parseBoolean(a.getOrDefault("adapt", "false"))
                ? AdaptationSettings.of(settingOverrides(a)) : null;
        run(ds, s, v, Integer.parseInt(a.getOrDefault("threads", "2")),
                Boolean.parseBoolean(a.getOrDefault("baseline", "true")),
                Path.of(a.getOrDefault("out", "target/matcher-eval")),
                a.containsKey("cache") ? Path.of(a.get("cache")) : null, adapt, probePhotos);
    }

    /** {@code --key value} pairs; a {@code --flag} without a value is {@code true}. Shared by the tools' commands. */
    public static Map<String, String> options(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i].replaceFirst("^--", "");
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                a.put(k, args[++i]);
            } else {
                a.put(k, "true");
            }
        }
        return a;
    }

    /** Command-line options that override a matcher setting, by the setting's key under noseid.worker.matcher. */
    private static final Map<String, String> SETTING_OPTIONS = Map.of(
            "shortlist", "shortlist.size",
            "svm-weight", "svm.weight",
            "second-photo", "shortlist.second-photo-weight",
            "rerank", "shortlist.rerank-photos",
            "verified", "verification.dogs",
            "keypoints", "features.max-keypoints");

    /**
     * The shorthand options above plus {@code --set key=value[,key=value]} for any other key (for example
     * {@code --set decision.inlier-threshold=12}).
     */
    public static Map<String, String> settingOverrides(Map<String, String> a) {
        Map<String, String> overrides = new HashMap<>();
        SETTING_OPTIONS.forEach((option, key) -> {
            if (a.containsKey(option)) {
                overrides.put(key, a.get(option));
            }
        });
        if (a.containsKey("set")) {
            for (String pair : a.get("set").split(",")) {
                String[] kv = pair.split("=", 2);
                String key = kv[0].trim();
                if (key.startsWith(MatcherSettings.PREFIX + ".")) {
                    key = key.substring(MatcherSettings.PREFIX.length() + 1);
                }
                overrides.put(key, kv[1].trim());
            }
        }
        return overrides;
    }

    static Vocabulary readVocabulary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Vocabulary.read(in);
        }
    }

    public static Report run(EvalDataset ds, MatcherSettings s, Vocabulary v, int threads, boolean baseline,
                             Path out, Path cacheDir) throws Exception {
        return run(ds, s, v, threads, baseline, out, cacheDir, null, 1);
    }

    /**
     * @param adapt null: the given vocabulary and threshold; else first an adaptation as the workers run it, learned
     *              from the enrolled photos only (vocabulary and idf, threshold calibrated on the enrolled dogs'
     *              impostors), then every probe through the adapted matcher
     * @param probePhotos above 1: also identify with 1 to this many photos of a dog per request
     */
    public static Report run(EvalDataset ds, MatcherSettings s, Vocabulary v, int threads, boolean baseline,
                             Path out, Path cacheDir, AdaptationSettings adapt, int probePhotos) throws Exception {
        OpenCv.ensureLoaded();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return run(ds, s, v, pool, baseline, out, cacheDir, adapt, probePhotos);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Report run(EvalDataset ds, MatcherSettings shipped, Vocabulary v, ExecutorService pool,
                              boolean baseline, Path out, Path cacheDir, AdaptationSettings adapt,
                              int probePhotos) throws Exception {
        MatcherSettings s = shipped;
        FeatureExtractor fx = new FeatureExtractor(s, v);
        int enrol = ds.enrol();
        System.out.printf("evaluate %s: %d genuine dogs (%d enrolled photos each), %d impostor dogs, %d distractor "
                        + "dogs; vocabulary %s%n", ds.name(), ds.genuine().size(), enrol, ds.impostors().size(),
                ds.distractors().size(), v.version());
        int baselineDogs = ds.genuine().size() + ds.impostors().size();
        List<DogFeatures> feats = DogFeatures.load(ds, s, v, fx, pool, baseline, cacheDir);
        List<DogFeatures> genuineF = feats.subList(0, ds.genuine().size());
        List<DogFeatures> impostorF = feats.subList(ds.genuine().size(), baselineDogs);
        List<DogFeatures> distractorF = feats.subList(baselineDogs, feats.size());
        long[] extract = feats.stream().flatMapToLong(f -> Arrays.stream(f.extractNanos())).toArray();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", ds.name());
        json.put("vocabulary", v.version());
        json.put("settings", s);
        json.put("enrolledPhotosPerDog", enrol);
        json.put("extractMsMedian", medianMs(extract));

        Codebook codebook = new Codebook(v);
        VerificationModel verificationModel = null;
        if (adapt != null) {
            Map<UUID, List<NoseTemplate>> enrolled = new LinkedHashMap<>();
            for (int i = 0; i < ds.genuine().size(); i++) {
                enrolled.put(idOf(ds.genuine().get(i).name()), genuineF.get(i).templates().subList(0, enrol));
            }
            List<UUID> dogs = new ArrayList<>(enrolled.keySet());
            long t0 = System.nanoTime();
            Random random = new Random(ds.name().hashCode());
            VocabularyLearner.Learned learned = new VocabularyLearner(adapt).learn("adapted-" + ds.name(), dogs,
                    enrolled::get, random, f -> { });
            codebook = new Codebook(learned.vocabulary());
            ImpostorCalibration.Calibration both;
            try (NoseMatcher candidate = new NoseMatcher(s, codebook, new InMemoryGalleryStore(), null)) {
                enrolled.forEach(candidate::enrol);
                both = ImpostorCalibration.calibrate(candidate, dogs, enrolled::get, adapt.calibrationProbes(),
                        random, s.targetFar(), adapt.minInlierThreshold(), adapt.verifier(), f -> { });
            }
            ThresholdCalibration calibration = both.threshold();
            s = s.withInlierThreshold(calibration.inlierThreshold());
            verificationModel = both.verifier().map(VerifierTraining.Trained::model).orElse(null);
            Map<String, Object> aj = new LinkedHashMap<>();
            aj.put("words", learned.vocabulary().wordCount());
            aj.put("photos", learned.photos());
            aj.put("sampledDescriptors", learned.sampledDescriptors());
            aj.put("inlierThreshold", calibration.inlierThreshold());
            aj.put("estimatedFar", calibration.estimatedFar());
            aj.put("impostorProbes", calibration.impostorProbes());
            both.verifier().ifPresent(t -> {
                aj.put("verifier", t.model().toString());
                aj.put("verifierThreshold", t.model().threshold());
                aj.put("verifierEstimatedFar", t.estimatedFar());
                aj.put("verifierSamples", Map.of("genuine", t.genuineSamples(), "impostor", t.impostorSamples()));
            });
            aj.put("seconds", (System.nanoTime() - t0) / 1e9);
            json.put("adaptation", aj);
            System.out.printf("adapted to the %d enrolled dogs in %.1f s: %d words from %d photos, inlier threshold "
                            + "%.0f (estimated FAR %.4f on %d enrolled impostor probes)%n", dogs.size(),
                    (System.nanoTime() - t0) / 1e9, learned.vocabulary().wordCount(), learned.photos(),
                    calibration.inlierThreshold(), calibration.estimatedFar(), calibration.impostorProbes());
            both.verifier().ifPresentOrElse(t -> System.out.printf("SVM verifier from %d genuine and %d impostor "
                            + "comparisons: match probability %.3f, estimated FAR %.4f on %d held-back impostor "
                            + "probes; %s%n", t.genuineSamples(), t.impostorSamples(), t.model().threshold(),
                    t.estimatedFar(), t.impostorProbes(), t.model()),
                    () -> System.out.println("no SVM verifier (disabled or too few samples): the inlier rule decides"));
        }
        NoseMatcher matcher = new NoseMatcher(s, codebook, new InMemoryGalleryStore(), null, verificationModel);
        List<Long> enrolNanos = new ArrayList<>();
        for (int i = 0; i < ds.genuine().size(); i++) {
            long t0 = System.nanoTime();
            matcher.enrol(idOf(ds.genuine().get(i).name()), genuineF.get(i).templates().subList(0, enrol));
            enrolNanos.add(System.nanoTime() - t0);
        }
        List<DogFeatures> probedImpostors = probeImpostors ? impostorF : List.of();
        Phase small = probe("identify @" + matcher.gallerySize(), matcher, ds, genuineF, probedImpostors, pool);
        json.put("enrolMsMedian", medianMs(enrolNanos.stream().mapToLong(Long::longValue).toArray()));
        json.put("matcher", small.json(s));
        List<Phase> several = new ArrayList<>();
        if (probePhotos > 1) {
            for (int k = 1; k <= probePhotos; k++) {
                several.add(probe(k + " photo(s) per probe @" + matcher.gallerySize(), matcher, ds,
                        Probe.severalPhotos(ds, genuineF, impostorF, k, probePhotos), pool));
            }
            json.put("probePhotos", several.stream().map(p -> p.json(shipped)).toList());
        }
        Phase large = null;
        if (!ds.distractors().isEmpty()) {
            for (int i = 0; i < ds.distractors().size(); i++) {
                matcher.enrol(idOf(ds.distractors().get(i).name()), distractorF.get(i).templates());
            }
            large = probe("identify @" + matcher.gallerySize(), matcher, ds, genuineF, probedImpostors, pool);
            json.put("matcherLargeGallery", large.json(s));
        }
        matcher.close();

        OpenSetMetrics base = null;
        if (baseline) {
            base = OriginalDesign.evaluate(ds.enrol(), genuineF, impostorF, pool);
            Map<String, Object> bj = new LinkedHashMap<>();
            bj.put("enrolledDogs", ds.genuine().size());
            bj.put("rank1", base.rank1());
            bj.put("tpirAtFar1pct", base.tpirAtFar(0.01));
            bj.put("tpirAtFar01pct", base.tpirAtFar(0.001));
            bj.put("eer", base.eer());
            json.put("originalDesign", bj);
        }
        print(small, large, base, extract, enrolNanos, s);
        printSeveral(several);
        Files.createDirectories(out);
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(out.resolve("report.json"), om.writeValueAsString(json), StandardCharsets.UTF_8);
        Map<String, List<OpenSetMetrics.RocPoint>> curves = new LinkedHashMap<>();
        curves.put("matcher, " + small.enrolled + " dogs enrolled", small.metrics.roc());
        if (large != null) {
            curves.put("matcher, " + large.enrolled + " dogs enrolled", large.metrics.roc());
        }
        if (base != null) {
            curves.put("original design, " + ds.genuine().size() + " dogs", base.roc());
        }
        RocPlot.write(out.resolve("roc.png"), "Open-set identification: " + ds.name(), curves);
        System.out.println("report: " + out.resolve("report.json") + ", ROC plot: " + out.resolve("roc.png"));
        return new Report(json, small.metrics, large == null ? null : large.metrics, base);
    }

    static UUID idOf(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** One probing pass over the genuine and impostor probes at the current gallery size. */
    static final class Phase {
        int enrolled;
        OpenSetMetrics metrics;
        long[] shortlistNs;
        long[] fetchNs;
        long[] verifyNs;
        double acceptedImpostors;
        double acceptedGenuine;
        /** Every probe's result, in the order the probes were given. */
        List<Map<String, Object>> probes = List.of();

        Map<String, Object> json(MatcherSettings s) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("enrolledDogs", enrolled);
            j.put("genuineProbes", metrics.genuineCount());
            j.put("impostorProbes", metrics.impostorCount());
            j.put("rank1", metrics.rank1());
            j.put("tpirAtFar1pct", metrics.tpirAtFar(0.01));
            j.put("tpirAtFar01pct", metrics.tpirAtFar(0.001));
            j.put("eer", metrics.eer());
            j.put("shortlistRecall", metrics.shortlistRecall(s.shortlistSize()));
            Map<String, Double> at = new LinkedHashMap<>();
            for (int k : new int[]{1, 5, 10, 20, 30, 50, 100, 200, 500}) {
                if (k <= s.shortlistSize()) {
                    at.put("@" + k, metrics.shortlistRecall(k));
                }
            }
            j.put("shortlistRecallAt", at);
            j.put("scoreThresholdFar1pct", metrics.thresholdAt(0.01));
            j.put("scoreThresholdFar01pct", metrics.thresholdAt(0.001));
            j.put("configuredThreshold", Map.of("far", acceptedImpostors, "tpir", acceptedGenuine));
            j.put("shortlistMsMedian", medianMs(shortlistNs));
            j.put("fetchMsMedian", medianMs(fetchNs));
            j.put("verifyMsMedian", medianMs(verifyNs));
            j.put("probes", probes);
            return j;
        }
    }

    /** Identifies every genuine probe (photos after the enrolled ones) and every photo of {@code impostorF}. */
    static Phase probe(String label, NoseMatcher matcher, EvalDataset ds, List<DogFeatures> genuineF,
                       List<DogFeatures> impostorF, ExecutorService pool) throws Exception {
        return probe(label, matcher, ds, Probe.singlePhotos(ds, genuineF, impostorF), pool);
    }

    /** Identifies every probe (each with all its photos in one request) and keeps what each one got. */
    static Phase probe(String label, NoseMatcher matcher, EvalDataset ds, List<Probe> probes, ExecutorService pool)
            throws Exception {
        Progress progress = new Progress(label, probes.size());
        List<Future<NoseMatcher.Identification>> fs = new ArrayList<>();
        for (Probe j : probes) {
            fs.add(pool.submit(() -> {
                NoseMatcher.Identification r = matcher.identifyDetailed(j.templates());
                progress.step();
                return r;
            }));
        }
        Map<UUID, String> names = new HashMap<>();
        for (EvalDataset.Dog d : ds.genuine()) {
            names.put(idOf(d.name()), d.name());
        }
        for (EvalDataset.Dog d : ds.distractors()) {
            names.put(idOf(d.name()), d.name());
        }
        List<OpenSetMetrics.Outcome> outcomes = new ArrayList<>();
        Phase p = new Phase();
        p.enrolled = matcher.gallerySize();
        p.shortlistNs = new long[probes.size()];
        p.fetchNs = new long[probes.size()];
        p.verifyNs = new long[probes.size()];
        p.probes = new ArrayList<>();
        int accImp = 0;
        int accGen = 0;
        int nImp = 0;
        int nGen = 0;
        for (int i = 0; i < probes.size(); i++) {
            NoseMatcher.Identification r = fs.get(i).get();
            Probe j = probes.get(i);
            p.shortlistNs[i] = r.shortlistNanos();
            p.fetchNs[i] = r.fetchNanos();
            p.verifyNs[i] = r.verifyNanos();
            List<ScoredDog> c = r.decision().candidates();
            double top = c.isEmpty() ? 0 : c.getFirst().score();
            boolean correct = j.genuine() && !c.isEmpty() && c.getFirst().dogId().equals(j.truth());
            int rank = -1;
            if (j.genuine()) {
                for (int k = 0; k < r.shortlist().size(); k++) {
                    if (r.shortlist().get(k).dogId().equals(j.truth())) {
                        rank = k;
                        break;
                    }
                }
                nGen++;
                if (r.decision().matched() && j.truth().equals(r.decision().bestDogId())) {
                    accGen++;
                }
            } else {
                nImp++;
                if (r.decision().matched()) {
                    accImp++;
                }
            }
            outcomes.add(new OpenSetMetrics.Outcome(j.genuine(), correct, top, rank));
            p.probes.add(probeResult(j, r, rank, names));
        }
        progress.done();
        p.metrics = new OpenSetMetrics(outcomes);
        p.acceptedImpostors = nImp == 0 ? Double.NaN : accImp / (double) nImp;
        p.acceptedGenuine = nGen == 0 ? Double.NaN : accGen / (double) nGen;
        return p;
    }

    /** One probe in the JSON report: what was sent, where its dog ranked, what the matcher answered. */
    private static Map<String, Object> probeResult(Probe j, NoseMatcher.Identification r, int rank,
                                                   Map<UUID, String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dog", j.dog());
        m.put("genuine", j.genuine());
        m.put("photos", j.photos());
        m.put("shortlistRank", j.genuine() ? (rank < 0 ? null : rank + 1) : null);
        List<ScoredDog> c = r.decision().candidates();
        m.put("topDog", c.isEmpty() ? null : names.getOrDefault(c.getFirst().dogId(), c.getFirst().dogId().toString()));
        m.put("topScore", c.isEmpty() ? 0.0 : c.getFirst().score());
        m.put("correctTop", j.genuine() && !c.isEmpty() && c.getFirst().dogId().equals(j.truth()));
        m.put("matched", r.decision().matched());
        m.put("bestInlierEvidence", r.bestEvidence());
        return m;
    }

    private static void print(Phase small, Phase large, OpenSetMetrics base, long[] extract, List<Long> enrolNs,
                              MatcherSettings s) {
        System.out.println();
        System.out.printf("%-34s %14s %14s %16s%n", "", "matcher @" + small.enrolled,
                large == null ? "" : "matcher @" + large.enrolled, base == null ? "" : "original @" + small.enrolled);
        row("rank-1", small.metrics.rank1(), large == null ? null : large.metrics.rank1(),
                base == null ? null : base.rank1());
        row("TPIR @ FAR 1 %", small.metrics.tpirAtFar(0.01), large == null ? null : large.metrics.tpirAtFar(0.01),
                base == null ? null : base.tpirAtFar(0.01));
        row("TPIR @ FAR 0.1 %", small.metrics.tpirAtFar(0.001),
                large == null ? null : large.metrics.tpirAtFar(0.001), base == null ? null : base.tpirAtFar(0.001));
        row("EER", small.metrics.eer(), large == null ? null : large.metrics.eer(), base == null ? null : base.eer());
        row("shortlist recall @" + s.shortlistSize(), small.metrics.shortlistRecall(s.shortlistSize()),
                large == null ? null : large.metrics.shortlistRecall(s.shortlistSize()), null);
        row("shortlist recall @10", small.metrics.shortlistRecall(10),
                large == null ? null : large.metrics.shortlistRecall(10), base == null ? null : base.rank1());
        row("configured threshold: FAR", small.acceptedImpostors, large == null ? null : large.acceptedImpostors,
                null);
        row("configured threshold: TPIR", small.acceptedGenuine, large == null ? null : large.acceptedGenuine, null);
        row("score cut for FAR 1 %", small.metrics.thresholdAt(0.01),
                large == null ? null : large.metrics.thresholdAt(0.01), base == null ? null : base.thresholdAt(0.01));
        System.out.printf("%nper stage, median ms: extract %.1f, enrol %.1f; shortlist %.2f / %s, fetch %.2f / %s, "
                        + "verify %.1f / %s (at %d / %s dogs)%n", medianMs(extract),
                medianMs(enrolNs.stream().mapToLong(Long::longValue).toArray()),
                medianMs(small.shortlistNs), large == null ? "-" : String.format("%.2f", medianMs(large.shortlistNs)),
                medianMs(small.fetchNs), large == null ? "-" : String.format("%.2f", medianMs(large.fetchNs)),
                medianMs(small.verifyNs), large == null ? "-" : String.format("%.1f", medianMs(large.verifyNs)),
                small.enrolled, large == null ? "-" : String.valueOf(large.enrolled));
        System.out.printf("inlier evidence cut for FAR 1 %%: %.2f (configured threshold %.1f)%n",
                inliers(small.metrics.thresholdAt(0.01), s), s.inlierThreshold());
    }

    /** Rank-1 and TPIR by the number of photos per probe, the same dogs in every row. */
    private static void printSeveral(List<Phase> several) {
        if (several.isEmpty()) {
            return;
        }
        System.out.printf("%nphotos per probe (the same %d genuine dogs and %d impostor dogs in every row):%n",
                several.getFirst().metrics.genuineCount(), several.getFirst().metrics.impostorCount());
        System.out.printf("%-8s %8s %16s %8s%n", "photos", "rank-1", "TPIR @ FAR 1 %", "EER");
        for (int k = 0; k < several.size(); k++) {
            OpenSetMetrics m = several.get(k).metrics;
            System.out.printf("%-8d %8.3f %16.3f %8.3f%n", k + 1, m.rank1(), m.tpirAtFar(0.01), m.eer());
        }
    }

    private static double inliers(double score, MatcherSettings s) {
        return score <= 0 ? 0 : score >= 1 ? Double.POSITIVE_INFINITY : s.inlierThreshold() * score / (1 - score);
    }

    private static void row(String name, double a, Double b, Double c) {
        System.out.printf("%-34s %14.3f %14s %16s%n", name, a, b == null ? "" : String.format("%.3f", b),
                c == null ? "" : String.format("%.3f", c));
    }

    static double medianMs(long[] ns) {
        if (ns.length == 0) {
            return Double.NaN;
        }
        long[] c = ns.clone();
        Arrays.sort(c);
        return c[c.length / 2] / 1e6;
    }


}
