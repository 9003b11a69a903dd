package io.noseid.worker.adaptation;

import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.Vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * A vocabulary learned from a gallery's own photos, in two passes over the dogs' stored templates (they may be too
 * many to hold): a uniform descriptor sample clustered into a tree as deep as the sample can train, then every photo
 * counted for the idf and a random few kept as the SVM negative pool.
 */
public final class VocabularyLearner {

    /** Photos whose coarse histograms form the SVM negative pool of the new vocabulary. */
    private static final int NEGATIVE_POOL = 300;

    private final AdaptationSettings settings;

    /** The vocabulary and what it was learned from. */
    public record Learned(Vocabulary vocabulary, int photos, int sampledDescriptors, long descriptors) {
    }

    public VocabularyLearner(AdaptationSettings settings) {
        this.settings = settings;
    }

    /**
     * @param templates a dog's templates (any vocabulary: only their descriptors are read)
     * @param progress  told 0..1 as the passes advance
     */
    public Learned learn(String name, List<UUID> dogs, Function<UUID, List<NoseTemplate>> templates,
                            Random random, DoubleConsumer progress) {
        DescriptorSample sample = new DescriptorSample(settings.sampleDescriptors(), random.nextLong());
        for (int i = 0; i < dogs.size(); i++) {
            for (NoseTemplate t : templates.apply(dogs.get(i))) {
                sample.add(t.descriptorFloats());
            }
            progress.accept(0.5 * (i + 1) / dogs.size());
        }
        int depth = settings.depthFor(sample.descriptors().size());
        Vocabulary tree = Vocabulary.cluster(name, sample.descriptors(), settings.branching(), depth,
                Math.min(depth, 3), random.nextLong());
        Vocabulary.Statistics statistics = tree.statistics();
        List<int[]> pool = new ArrayList<>();
        for (int i = 0; i < dogs.size(); i++) {
            for (NoseTemplate t : templates.apply(dogs.get(i))) {
                int[] words = tree.words(t);
                statistics.add(words);
                if (pool.size() < NEGATIVE_POOL) {
                    pool.add(words);
                } else if (random.nextInt(statistics.photos()) < NEGATIVE_POOL) {
                    pool.set(random.nextInt(NEGATIVE_POOL), words);
                }
            }
            progress.accept(0.5 + 0.5 * (i + 1) / dogs.size());
        }
        return new Learned(statistics.vocabulary(pool), statistics.photos(), sample.descriptors().size(),
                sample.seen());
    }
}
