package io.noseid.worker.matcher;

import io.noseid.worker.matcher.synthetic.SyntheticNoseGenerator;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Templates of synthetic noses shared by the tests of this package (rendering and extraction are the slow part). */
public final class TestTemplates {

    static final long SEED = 99;
    private static final Map<String, NoseTemplate> CACHE = new ConcurrentHashMap<>();
    private static volatile FeatureExtractor extractor;
    private static final SyntheticNoseGenerator GENERATOR = new SyntheticNoseGenerator(SEED);
    private static final Map<Integer, SyntheticNoseGenerator.DogPattern> PATTERNS = new ConcurrentHashMap<>();

    private TestTemplates() {
    }

    public static FeatureExtractor extractor() {
        if (extractor == null) {
            synchronized (TestTemplates.class) {
                if (extractor == null) {
                    extractor = new FeatureExtractor(MatcherSettings.defaults(), Vocabulary.loadDefault());
                }
            }
        }
        return extractor;
    }

    public static Mat photo(int dog, int photo) {
        return GENERATOR.photo(PATTERNS.computeIfAbsent(dog, GENERATOR::dog), photo);
    }

    public static NoseTemplate template(int dog, int photo) {
        return CACHE.computeIfAbsent(dog + "/" + photo, k -> {
            Mat m = photo(dog, photo);
            NoseTemplate t = extractor().extract(m);
            m.release();
            return t;
        });
    }

    public static List<NoseTemplate> templates(int dog, int from, int to) {
        List<NoseTemplate> out = new ArrayList<>();
        for (int p = from; p < to; p++) {
            out.add(template(dog, p));
        }
        return out;
    }

    /** Index form of templates as the matcher computes it (with Hamming signatures). */
    public static List<IndexPhoto> indexPhotos(List<NoseTemplate> templates) {
        HammingEmbedding embedding = new HammingEmbedding(extractor().vocabulary());
        return templates.stream().map(t -> IndexPhoto.of(t, embedding)).toList();
    }
}
