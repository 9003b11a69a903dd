package io.noseid.worker.adaptation.bench;

import io.noseid.worker.adaptation.AdaptationSettings;
import io.noseid.worker.adaptation.GalleryAdaptation;
import io.noseid.worker.adaptation.ServedMatcher;
import io.noseid.worker.gallery.JdbcGalleryStore;
import io.noseid.worker.gallery.MatcherVersionStore;
import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.Vocabulary;
import io.noseid.worker.matcher.eval.EvaluateCommand;
import io.noseid.worker.matcher.synthetic.NoseParamsV2;
import io.noseid.worker.matcher.synthetic.SyntheticNoseGenerator;
import io.noseid.worker.matcher.synthetic.SyntheticNoseGeneratorV2;
import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Mat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Benchmark command (not a test): how long a matcher adaptation takes on a real MariaDB gallery of 1,000 and 10,000
 * dogs (issue 11 item 2). Each size gets a scratch database with the gallery's Flyway schema, filled through the
 * matcher's own enrolment; then {@link GalleryAdaptation} runs as a worker runs it (vocabulary, re-index of every
 * dog, impostor calibration, SVM verifier, switch) and its wall-clock and process CPU time are printed, with the time
 * at which each quarter of its progress was reported.
 * <p>
 * Extracting 50,000 photos would take an hour here, so the dogs are derived from a pool of generator v2 dogs (5
 * extracted photos each): dog {@code i} is pool dog {@code i mod pool} with its descriptors' 128 components in a
 * permutation of its own. Within a dog the photos match one another as the pool dog's do; across dogs the permuted
 * descriptors are as unlike as different noses', so every dog is a distinct dog to the vocabulary, the index and
 * verification, at realistic template sizes.
 * <pre>
 * ./noseid bench adaptation [--sizes 1000,10000] [--pool 40] [--seed 3100]
 * </pre>
 */
public final class AdaptationBenchmark {

    private static final int PHOTOS = 5;

    private AdaptationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = EvaluateCommand.options(args);
        int[] sizes = Arrays.stream(a.getOrDefault("sizes", "1000,10000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int poolDogs = Integer.parseInt(a.getOrDefault("pool", "40"));
        long seed = Long.parseLong(a.getOrDefault("seed", "3100"));
        OpenCv.ensureLoaded();
        MatcherSettings settings = MatcherSettings.defaults();
        Vocabulary vocabulary = Vocabulary.loadDefault();
        List<List<NoseTemplate>> pool = pool(new FeatureExtractor(settings, vocabulary), poolDogs, seed);
        System.out.printf(Locale.ROOT, "pool: %d generator v2 dogs (seed %d) x %d photos, %d keypoints per photo on "
                        + "average; %d processors%n", poolDogs, seed, PHOTOS,
                pool.stream().flatMap(List::stream).mapToInt(NoseTemplate::keypointCount).sum() / (poolDogs * PHOTOS),
                Runtime.getRuntime().availableProcessors());
        for (int size : sizes) {
            measure(size, pool, settings, vocabulary);
        }
    }

    private static List<List<NoseTemplate>> pool(FeatureExtractor extractor, int dogs, long seed) {
        SyntheticNoseGeneratorV2 generator = new SyntheticNoseGeneratorV2(seed, NoseParamsV2.defaults());
        List<List<NoseTemplate>> pool = new ArrayList<>();
        for (int d = 0; d < dogs; d++) {
            SyntheticNoseGenerator.DogPattern dog = generator.dog(d);
            List<NoseTemplate> photos = new ArrayList<>();
            for (int k = 0; k < PHOTOS; k++) {
                Mat photo = generator.photo(dog, k);
                photos.add(extractor.extract(photo));
                photo.release();
            }
            dog.canonical().release();
            pool.add(photos);
        }
        return pool;
    }

    private static void measure(int size, List<List<NoseTemplate>> pool, MatcherSettings settings,
                                Vocabulary vocabulary) throws Exception {
        try (ScratchGalleryDatabase db = new ScratchGalleryDatabase()) {
            JdbcGalleryStore store = new JdbcGalleryStore(db.dataSource());
            MatcherVersionStore versions = new MatcherVersionStore(db.dataSource());
            long enrolStart = System.nanoTime();
            try (ServedMatcher served = new ServedMatcher(store, versions, settings, vocabulary.version())) {
                for (int i = 0; i < size; i++) {
                    served.matcher().enrol(new UUID(0xADA9L, i), dog(i, pool, vocabulary));
                    if ((i + 1) % 500 == 0 || i + 1 == size) {
                        System.out.printf("\r%d dogs: enrolled %d", size, i + 1);
                    }
                }
            }
            System.out.printf(Locale.ROOT, " in %.0f s%n", (System.nanoTime() - enrolStart) / 1e9);

            TreeMap<Integer, Double> quarters = new TreeMap<>();
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            MatcherVersionStore.Version adapted = new GalleryAdaptation(store, versions, settings,
                    AdaptationSettings.of(Map.of()))
                    .run(UUID.randomUUID(), fraction -> quarters.putIfAbsent((int) Math.floor(fraction * 4),
                            (System.nanoTime() - start) / 1e9), (version, timeout) -> true);
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            StringBuilder progress = new StringBuilder();
            quarters.forEach((q, s) -> progress.append(String.format(Locale.ROOT, " %d%%: %.1f s", q * 25, s)));
            System.out.printf(Locale.ROOT, "%d dogs, %d photos: adaptation %.1f s wall, %.1f s process CPU "
                            + "(progress reached%s); version %s, threshold %.3f, estimated FAR %.3f, SVM verifier %s%n",
                    adapted.dogs(), adapted.photos(), wall, cpu, progress, adapted.name(), adapted.scoreThreshold(),
                    adapted.estimatedFar(), adapted.verifier() != null ? "trained" : "not trained");
        }
    }

    /** Pool dog {@code i mod pool}, its descriptors permuted by a permutation of dog {@code i}'s own. */
    private static List<NoseTemplate> dog(int i, List<List<NoseTemplate>> pool, Vocabulary vocabulary) {
        int[] permutation = permutation(i);
        return pool.get(i % pool.size()).stream().map(t -> {
            byte[] d = t.descriptors();
            byte[] permuted = new byte[d.length];
            for (int k = 0; k < d.length; k += Vocabulary.DIM) {
                for (int c = 0; c < Vocabulary.DIM; c++) {
                    permuted[k + c] = d[k + permutation[c]];
                }
            }
            return vocabulary.adopt(new NoseTemplate(t.vocabularyVersion(), t.keypoints(), permuted, t.words()));
        }).toList();
    }

    private static int[] permutation(int dog) {
        int[] p = new int[Vocabulary.DIM];
        Arrays.setAll(p, c -> c);
        if (dog < 1) {
            return p;
        }
        SplittableRandom rng = new SplittableRandom(0x5EED0000L + dog);
        for (int c = p.length - 1; c > 0; c--) {
            int j = rng.nextInt(c + 1);
            int t = p[c];
            p[c] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
