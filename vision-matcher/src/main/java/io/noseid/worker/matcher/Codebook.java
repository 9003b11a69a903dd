package io.noseid.worker.matcher;

import io.noseid.worker.gallery.GalleryStore;

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
