package io.noseid.worker.matcher.tools;

import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.Vocabulary;
import io.noseid.worker.matcher.eval.EvaluateCommand;
import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Command that builds a vocabulary from a training corpus of nose crops (any folder tree of jpg/png files) and writes
 * {@code vocabulary-<version>.bin}. Usage:
 * {@code VocabularyBuilder --images DIR --version NAME --out FILE [--branching 10] [--depth 4] [--coarse 3]
 * [--max-descriptors 150000] [--pool 300]}.
 */
public final class VocabularyBuilder {

    private VocabularyBuilder() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = EvaluateCommand.options(args);
        Path images = Path.of(required(a, "images"));
        String version = required(a, "version");
        Path out = Path.of(required(a, "out"));
        int branching = Integer.parseInt(a.getOrDefault("branching", "10"));
        int depth = Integer.parseInt(a.getOrDefault("depth", "4"));
        int coarse = Integer.parseInt(a.getOrDefault("coarse", "3"));
        int maxDesc = Integer.parseInt(a.getOrDefault("max-descriptors", "150000"));
        int pool = Integer.parseInt(a.getOrDefault("pool", "300"));
        OpenCv.ensureLoaded();
        List<Path> files;
        try (Stream<Path> s = Files.walk(images)) {
            files = s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList();
        }
        MatcherSettings settings = MatcherSettings.defaults();
        List<float[]> descriptors = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            Mat img = Imgcodecs.imread(files.get(i).toString(), Imgcodecs.IMREAD_COLOR);
            if (img.empty()) {
                System.err.println("skipped unreadable " + files.get(i));
                continue;
            }
            descriptors.add(FeatureExtractor.rootSift(FeatureExtractor.rawSift(img, settings).descriptors()));
            img.release();
            if ((i + 1) % 100 == 0) {
                System.out.printf("features %d/%d%n", i + 1, files.size());
            }
        }
        System.out.printf("features of %d photos in %.1f s; clustering%n", descriptors.size(),
                (System.nanoTime() - t0) / 1e9);
        Vocabulary v = Vocabulary.build(version, descriptors, branching, depth, coarse, maxDesc, pool, 42);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            v.write(os);
        }
        System.out.printf("vocabulary %s: %d words, written to %s in %.1f s%n", version, v.wordCount(), out,
                (System.nanoTime() - t0) / 1e9);
    }

    private static String required(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }
}
