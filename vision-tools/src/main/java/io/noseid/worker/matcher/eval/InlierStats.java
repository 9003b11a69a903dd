package io.noseid.worker.matcher.eval;

import io.noseid.worker.matcher.GeometricVerifier;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Inlier counts of the verifier on single photo pairs, measured as on the real photos: a genuine probe's best count
 * over its dog's enrolled photos, single genuine pairs, pairs among one dog's enrolled photos, and for each of (up
 * to) 100 impostor probes the most inliers it reached over 25 gallery photos drawn at random (seeded).
 *
 * @param genuineBest   per genuine probe, best over the dog's enrolled photos
 * @param genuinePairs  every (probe, enrolled photo) pair
 * @param enrolledPairs every pair among one dog's enrolled photos
 * @param impostorMax   per impostor probe, best over its 25 gallery photos
 */
record InlierStats(int[] genuineBest, int[] genuinePairs, int[] enrolledPairs, int[] impostorMax) {

    static final int IMPOSTOR_PROBES = 100;
    static final int GALLERY_PHOTOS = 25;

    /** Which inliers of a photo pair are counted. */
    enum Evidence {
        SIFT, AKAZE, SIFT_PLUS_AKAZE;

        int of(GeometricVerifier v, GeometricVerifier.Probe probe, NoseTemplate gallery) {
            return switch (this) {
                case SIFT -> v.inliers(probe, gallery, gallery.descriptorFloats());
                case AKAZE -> v.akazeInliers(probe, gallery, GeometricVerifier.packAkaze(gallery));
                case SIFT_PLUS_AKAZE -> SIFT.of(v, probe, gallery) + AKAZE.of(v, probe, gallery);
            };
        }
    }

    /**
     * Share of genuine probes that are matchable as the real photos' table counts it: their best inliers over their
     * dog's enrolled photos exceed the most any impostor probe reached.
     */
    double matchable() {
        int cut = impostorMax.length == 0 ? 0 : Arrays.stream(impostorMax).max().getAsInt();
        return genuineBest.length == 0 ? Double.NaN
                : Arrays.stream(genuineBest).filter(b -> b > cut).count() / (double) genuineBest.length;
    }

    static InlierStats measure(List<DogFeatures> genuine, List<DogFeatures> impostors, int enrol, MatcherSettings s,
                               ExecutorService pool, long seed) throws Exception {
        return measure(genuine, impostors, enrol, s, pool, seed, Evidence.SIFT);
    }

    static InlierStats measure(List<DogFeatures> genuine, List<DogFeatures> impostors, int enrol, MatcherSettings s,
                               ExecutorService pool, long seed, Evidence evidence) throws Exception {
        GeometricVerifier verifier = new GeometricVerifier(s);
        List<NoseTemplate> gallery = new ArrayList<>();
        genuine.forEach(f -> gallery.addAll(f.templates().subList(0, enrol)));
        List<Future<int[][]>> dogs = new ArrayList<>();
        Progress progress = new Progress("inlier statistics", genuine.size() + Math.min(IMPOSTOR_PROBES,
                impostors.size()));
        for (DogFeatures f : genuine) {
            dogs.add(pool.submit(() -> {
                int[][] r = dogPairs(verifier, f.templates(), enrol, evidence);
                progress.step();
                return r;
            }));
        }
        List<Future<Integer>> imp = new ArrayList<>();
        for (int i = 0; i < Math.min(IMPOSTOR_PROBES, impostors.size()); i++) {
            NoseTemplate probe = impostors.get(i).templates().getFirst();
            SplittableRandom r = new SplittableRandom(seed * 31 + i);
            imp.add(pool.submit(() -> {
                GeometricVerifier.Probe p = GeometricVerifier.Probe.of(probe);
                int best = 0;
                for (int k = 0; k < GALLERY_PHOTOS; k++) {
                    NoseTemplate g = gallery.get(r.nextInt(gallery.size()));
                    best = Math.max(best, evidence.of(verifier, p, g));
                }
                progress.step();
                return best;
            }));
        }
        List<Integer> best = new ArrayList<>();
        List<Integer> pairs = new ArrayList<>();
        List<Integer> own = new ArrayList<>();
        for (Future<int[][]> d : dogs) {
            int[][] r = d.get();
            Arrays.stream(r[0]).forEach(best::add);
            Arrays.stream(r[1]).forEach(pairs::add);
            Arrays.stream(r[2]).forEach(own::add);
        }
        int[] im = new int[imp.size()];
        for (int i = 0; i < im.length; i++) {
            im[i] = imp.get(i).get();
        }
        progress.done();
        return new InlierStats(ints(best), ints(pairs), ints(own), im);
    }

    /** {best per probe, every probe pair, every enrolled pair} of one dog. */
    private static int[][] dogPairs(GeometricVerifier v, List<NoseTemplate> t, int enrol, Evidence evidence) {
        List<Integer> best = new ArrayList<>();
        List<Integer> pairs = new ArrayList<>();
        for (int p = enrol; p < t.size(); p++) {
            GeometricVerifier.Probe probe = GeometricVerifier.Probe.of(t.get(p));
            int b = 0;
            for (int k = 0; k < enrol; k++) {
                int n = evidence.of(v, probe, t.get(k));
                pairs.add(n);
                b = Math.max(b, n);
            }
            best.add(b);
        }
        List<Integer> own = new ArrayList<>();
        for (int a = 0; a < enrol; a++) {
            GeometricVerifier.Probe probe = GeometricVerifier.Probe.of(t.get(a));
            for (int k = a + 1; k < enrol; k++) {
                own.add(evidence.of(v, probe, t.get(k)));
            }
        }
        return new int[][]{ints(best), ints(pairs), ints(own)};
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Share of values below {@code limit}. */
    static double shareBelow(int[] x, int limit) {
        return x.length == 0 ? Double.NaN : Arrays.stream(x).filter(v -> v < limit).count() / (double) x.length;
    }

    static double shareAtLeast(int[] x, int limit) {
        return x.length == 0 ? Double.NaN : 1 - shareBelow(x, limit);
    }

    /** Quantile q (0..1) with linear interpolation, like numpy's default. */
    static double quantile(int[] x, double q) {
        if (x.length == 0) {
            return Double.NaN;
        }
        int[] c = x.clone();
        Arrays.sort(c);
        double pos = q * (c.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(c.length - 1, lo + 1);
        return c[lo] + (pos - lo) * (c[hi] - c[lo]);
    }

    static double max(int[] x) {
        return x.length == 0 ? Double.NaN : Arrays.stream(x).max().getAsInt();
    }
}
