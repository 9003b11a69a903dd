package io.noseid.worker.matcher.eval;

import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.Vocabulary;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Features of one dog's photos: our templates, extraction times, the original design's descriptors. */
record DogFeatures(List<NoseTemplate> templates, long[] extractNanos, List<float[]> baseline) {

    /** Extracts one dog's photos (and the original design's descriptors when {@code baseline}). */
    static DogFeatures extract(EvalDataset.Dog dog, FeatureExtractor fx, boolean baseline, Progress progress) {
        List<NoseTemplate> t = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        long[] ns = new long[dog.photoCount()];
        IntFunction<Mat> loader = dog.photo();
        for (int k = 0; k < dog.photoCount(); k++) {
            Mat img = loader.apply(k);
            if (img.empty()) {
                throw new IllegalStateException("unreadable photo " + k + " of " + dog.name());
            }
            long t0 = System.nanoTime();
            t.add(fx.extract(img));
            ns[k] = System.nanoTime() - t0;
            if (baseline) {
                b.add(OriginalDesign.features(img));
            }
            img.release();
            progress.step();
        }
        return new DogFeatures(t, ns, b);
    }

    /**
     * Every photo's features, genuine dogs first, then impostors, then distractors (the original design's only for
     * the genuine and impostor dogs, when {@code baseline}); read from {@code cacheDir} when it holds them, written
     * there otherwise ({@code cacheDir} may be null).
     */
    static List<DogFeatures> load(EvalDataset ds, MatcherSettings s, Vocabulary v, FeatureExtractor fx,
                                  ExecutorService pool, boolean baseline, Path cacheDir) throws Exception {
        List<EvalDataset.Dog> all = new ArrayList<>(ds.genuine());
        all.addAll(ds.impostors());
        all.addAll(ds.distractors());
        int baselineDogs = ds.genuine().size() + ds.impostors().size();
        // The cache serves runs with or without the original design, as long as it holds what the run needs.
        int totalPhotos = all.stream().mapToInt(EvalDataset.Dog::photoCount).sum();
        String key = String.format("%s|%d|%d|%d|%d|%s|%d|%s|%s|%d|%s|%d|%d|%s", ds.name(), ds.genuine().size(),
                ds.impostors().size(), ds.distractors().size(), ds.enrol(), v.version(), s.workingSize(),
                s.claheClipLimit(), s.claheTiles(), s.maxKeypoints(), s.siftContrastThreshold(), totalPhotos,
                s.akazeKeypoints(), s.akazeThreshold());
        Path cacheFile = cacheDir == null ? null
                : cacheDir.resolve("features-" + Integer.toHexString(key.hashCode()) + ".bin");
        List<DogFeatures> feats = cacheFile != null && Files.exists(cacheFile) ? read(cacheFile) : null;
        if (feats != null && baseline && feats.getFirst().baseline().isEmpty()) {
            feats = null;
        }
        if (feats != null) {
            System.out.println("features read from " + cacheFile);
            return feats;
        }
        Progress progress = new Progress("features", totalPhotos);
        List<Future<DogFeatures>> futures = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            EvalDataset.Dog dog = all.get(i);
            boolean withBaseline = baseline && i < baselineDogs;
            futures.add(pool.submit(() -> extract(dog, fx, withBaseline, progress)));
        }
        feats = new ArrayList<>();
        for (Future<DogFeatures> f : futures) {
            feats.add(f.get());
        }
        progress.done();
        if (cacheFile != null) {
            write(cacheFile, feats);
        }
        return feats;
    }

    /** Features cache so that experiments on the index and verification skip rendering and extraction. */
    static void write(Path file, List<DogFeatures> feats) throws IOException {
        Files.createDirectories(file.getParent());
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(file)))) {
            out.writeInt(feats.size());
            for (DogFeatures f : feats) {
                out.writeInt(f.templates().size());
                for (int i = 0; i < f.templates().size(); i++) {
                    byte[] b = f.templates().get(i).toBytes();
                    out.writeInt(b.length);
                    out.write(b);
                    out.writeLong(f.extractNanos()[i]);
                }
                out.writeInt(f.baseline().size());
                for (float[] d : f.baseline()) {
                    out.writeInt(d.length);
                    for (float x : d) {
                        out.writeFloat(x);
                    }
                }
            }
        }
    }

    static List<DogFeatures> read(Path file) throws IOException {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(file)))) {
            int n = in.readInt();
            List<DogFeatures> out = new ArrayList<>(n);
            for (int d = 0; d < n; d++) {
                int k = in.readInt();
                List<NoseTemplate> t = new ArrayList<>(k);
                long[] ns = new long[k];
                for (int i = 0; i < k; i++) {
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    t.add(NoseTemplate.fromBytes(b));
                    ns[i] = in.readLong();
                }
                int nb = in.readInt();
                List<float[]> base = new ArrayList<>(nb);
                for (int i = 0; i < nb; i++) {
                    float[] x = new float[in.readInt()];
                    for (int j = 0; j < x.length; j++) {
                        x[j] = in.readFloat();
                    }
                    base.add(x);
                }
                out.add(new DogFeatures(t, ns, base));
            }
            return out;
        }
    }
}
