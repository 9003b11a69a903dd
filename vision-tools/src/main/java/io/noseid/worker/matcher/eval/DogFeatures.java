package io.noseid.worker.matcher.eval;

import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.NoseTemplate;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
