package io.noseid.worker.matcher.bench;

import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.MatchDecision;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.Vocabulary;
import io.noseid.worker.matcher.eval.EvaluateCommand;
import io.noseid.worker.matcher.synthetic.SyntheticNoseGenerator;
import org.opencv.core.Core;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark command printing medians on one thread: feature extraction per photo, identification of one photo
 * against growing galleries, enrolment time at each gallery size, the heap the matcher holds and the load of the
 * gallery at a worker's start (decoding the stored dogs and building the index). Usage:
 * {@code MatcherBenchmark [--sizes 1000,10000,100000] [--real-dogs 40] [--repeats 30] [--set key=value,...]} (matcher
 * settings as the evaluate command takes them).
 */
public final class MatcherBenchmark {

    private MatcherBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> a = EvaluateCommand.options(args);
        int[] sizes = Arrays.stream(a.getOrDefault("sizes", "1000,10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int realDogs = Integer.parseInt(a.getOrDefault("real-dogs", "40"));
        int repeats = Integer.parseInt(a.getOrDefault("repeats", "30"));
        MatcherSettings s = MatcherSettings.of(EvaluateCommand.settingOverrides(a));
        Vocabulary v = Vocabulary.loadDefault();
        FeatureExtractor fx = new FeatureExtractor(s, v);
        Core.setNumThreads(1); // one core: OpenCV would otherwise parallelise SIFT's pyramid

        SyntheticNoseGenerator g = new SyntheticNoseGenerator(31337);
        List<List<NoseTemplate>> dogs = new ArrayList<>();
        long[] extract = new long[realDogs * 6];
        int e = 0;
        for (int d = 0; d < realDogs; d++) {
            SyntheticNoseGenerator.DogPattern p = g.dog(d);
            List<NoseTemplate> t = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                Mat img = g.photo(p, k);
                long t0 = cpu();
                t.add(fx.extract(img));
                extract[e++] = cpu() - t0;
                img.release();
            }
            p.canonical().release();
            dogs.add(t);
            System.out.printf("\rfeatures of %d/%d dogs", d + 1, realDogs);
        }
        System.out.println();
        System.out.printf("feature extraction per photo: median %.1f ms (%d photos, 150-600 px, 1 thread)%n",
                median(extract), extract.length);

        // Synthetic dogs are derived from other dogs' photos, so no probe has a duplicate among them.
        List<NoseTemplate> pool = new ArrayList<>();
        for (int d = realDogs; d < realDogs + 30; d++) {
            SyntheticNoseGenerator.DogPattern p = g.dog(d);
            for (int k = 0; k < 3; k++) {
                Mat img = g.photo(p, k);
                pool.add(fx.extract(img));
                img.release();
            }
            p.canonical().release();
        }
        List<DogModel> models = new ArrayList<>();
        long[] train = new long[realDogs];
        for (int d = 0; d < realDogs; d++) {
            long t0 = cpu();
            models.add(DogModel.train(v, dogs.get(d).subList(0, 5), s.svmC()));
            train[d] = cpu() - t0;
        }
        System.out.printf("per-dog SVM training: median %.1f ms%n", median(train));

        System.out.printf("%ntimes are medians of this thread's CPU time%n");
        System.out.printf("load: thread CPU time to decode the stored dogs and build the index; load all: the whole"
                + " process's (garbage collection and compilation too)%n");
        System.out.printf("%10s %14s %14s %14s %12s %12s %12s%n", "dogs", "identify ms", "shortlist ms", "enrol ms",
                "index MB", "load s", "load all s");
        for (int size : sizes) {
            System.gc();
            long heap0 = usedHeap();
            SyntheticGalleryStore store = new SyntheticGalleryStore(Math.max(0, size - realDogs), pool, models,
                    v.wordCount(), new io.noseid.worker.matcher.HammingEmbedding(v));
            // The load is what a worker's start does: decode every stored dog and build the index; the store's
            // drawing and encoding of the dogs (the database's part) is subtracted.
            long l0 = cpu();
            long p0 = processCpu();
            NoseMatcher m = new NoseMatcher(s, v, store);
            double load = (cpu() - l0 - store.servingNanos()) / 1e9;
            double loadProcess = (processCpu() - p0 - store.servingNanos()) / 1e9;
            for (int d = 0; d < realDogs; d++) {
                m.enrol(new UUID(7, d), dogs.get(d).subList(0, 5));
            }
            System.gc();
            long heap = usedHeap() - heap0;
            // Warm-up, then one probe per repeat (genuine probes of the real dogs; photo 5 was never enrolled).
            for (int i = 0; i < 5; i++) {
                m.identify(List.of(dogs.get(i % realDogs).get(5)));
            }
            long[] ident = new long[repeats];
            long[] shortlist = new long[repeats];
            int right = 0;
            for (int i = 0; i < repeats; i++) {
                NoseTemplate probe = dogs.get(i % realDogs).get(5);
                long t0 = cpu();
                NoseMatcher.Identification r = m.identifyDetailed(List.of(probe));
                ident[i] = cpu() - t0;
                shortlist[i] = r.shortlistNanos();
                MatchDecision dd = r.decision();
                if (new UUID(7, i % realDogs).equals(dd.bestDogId())) {
                    right++;
                }
            }
            long[] enrol = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                List<NoseTemplate> photos = dogs.get(i % realDogs).subList(0, 5);
                long t0 = cpu();
                m.enrol(new UUID(8, i), photos);
                enrol[i] = cpu() - t0;
            }
            System.out.printf("%10d %14.1f %14.2f %14.1f %12.0f %12.2f %12.2f   (%d/%d probes right)%n",
                    m.gallerySize(), median(ident), median(shortlist), median(enrol), heap / 1e6, load, loadProcess,
                    right, repeats);
            m.close();
        }
        System.out.printf("max heap %d MB%n", Runtime.getRuntime().maxMemory() / 1_000_000);
    }

    /**
     * This thread's CPU time: the machine is shared, so wall time would measure the neighbours' load. OpenCV runs
     * single-threaded here ({@code Core.setNumThreads(1)}), so its work is on this thread too.
     */
    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the whole process: the load's garbage collection and compilation run on other threads. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double median(long[] ns) {
        long[] c = ns.clone();
        Arrays.sort(c);
        return c[c.length / 2] / 1e6;
    }
}
