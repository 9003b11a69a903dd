package io.noseid.worker.matcher;

import io.noseid.worker.gallery.GalleryStore;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What a matcher version indexes with: its vocabulary and the Hamming embedding within its words. Templates made with
 * another vocabulary (the feature extractor's, or a dog's stored templates after an adaptation) are adopted first:
 * descriptors and keypoints do not depend on the version, only the words do.
 */
public final class Codebook {

    private final Vocabulary vocabulary;
    private final HammingEmbedding embedding;

    public Codebook(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.embedding = new HammingEmbedding(vocabulary);
    }

    public String version() {
        return vocabulary.version();
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    HammingEmbedding embedding() {
        return embedding;
    }

    /** The templates with their words in this version. */
    public List<NoseTemplate> adopt(List<NoseTemplate> photos) {
        return photos.stream().map(vocabulary::adopt).toList();
    }

    /** The index form of templates in this version, with current signatures. */
    public List<IndexPhoto> indexPhotos(List<NoseTemplate> photos) {
        return adopt(photos).stream().map(t -> IndexPhoto.of(t, embedding)).toList();
    }

    /**
     * The index form of probe photos, each keypoint under its own word and, with {@link MatcherSettings#probeWords()}
     * above 1, also under the next nearest words (multiple assignment, with its signature within each): a probe
     * descriptor that fell just across a cell border from its enrolled match still meets it. Only probes are
     * assigned several words, so the index keeps one posting per enrolled keypoint.
     */
    public List<IndexPhoto> probeIndexPhotos(List<NoseTemplate> photos, MatcherSettings settings) {
        return adopt(photos).stream().map(t -> {
            IndexPhoto own = IndexPhoto.of(t, embedding);
            return settings.probeWords() <= 1 ? own
                    : withNearbyWords(t, own, settings.probeWords(), settings.probeWordRatio());
        }).toList();
    }

    private IndexPhoto withNearbyWords(NoseTemplate t, IndexPhoto own, int k, double ratio) {
        int n = t.keypointCount();
        float[] desc = t.descriptorFloats();
        float[] residual = new float[Vocabulary.DIM];
        int[] words = Arrays.copyOf(own.words(), n * k);
        byte[] angles = Arrays.copyOf(own.angles(), n * k);
        byte[] scales = Arrays.copyOf(own.scales(), n * k);
        byte[] xs = Arrays.copyOf(own.xs(), n * k);
        byte[] ys = Arrays.copyOf(own.ys(), n * k);
        int[] sigs = Arrays.copyOf(own.signatures(), n * k);
        int m = n;
        for (int i = 0; i < n; i++) {
            for (int w : vocabulary.nearestWords(desc, i * Vocabulary.DIM, own.words()[i], k, ratio)) {
                if (w == own.words()[i]) {
                    continue;
                }
                words[m] = w;
                angles[m] = own.angles()[i];
                scales[m] = own.scales()[i];
                xs[m] = own.xs()[i];
                ys[m] = own.ys()[i];
                sigs[m] = embedding.signature(t, i, w, residual);
                m++;
            }
        }
        return new IndexPhoto(Arrays.copyOf(words, m), Arrays.copyOf(angles, m),
                Arrays.copyOf(scales, m), Arrays.copyOf(xs, m), Arrays.copyOf(ys, m),
                Arrays.copyOf(sigs, m));
    }

    /** The dog's SVM in this version; untrained while the SVM's weight is 0, so nothing trains it. */
    public DogModel model(List<NoseTemplate> photos, MatcherSettings settings) {
        return settings.svmWeight() == 0 ? DogModel.untrained(vocabulary)
                : DogModel.train(vocabulary, adopt(photos), settings.svmC());
    }

    /** Everything the index of this version keeps of one dog. */
    public GalleryStore.IndexEntry indexEntry(UUID dogId, List<NoseTemplate> photos, MatcherSettings settings) {
        return new GalleryStore.IndexEntry(dogId, version(), indexPhotos(photos), model(photos, settings));
    }
}
