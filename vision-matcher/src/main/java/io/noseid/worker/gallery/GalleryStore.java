package io.noseid.worker.gallery;

import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.IndexPhoto;
import io.noseid.worker.matcher.NoseTemplate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Durable gallery shared by every worker. Each write is recorded in a change log with a monotonically increasing
 * sequence so that other workers can replay it ({@link Gallery#catchUp()}).
 */
public interface GalleryStore {

    /** What the in-memory shortlist index needs of one dog (no descriptors). */
    record IndexEntry(UUID dogId, String vocabularyVersion, List<IndexPhoto> photos, DogModel model) {
    }

    enum ChangeKind { ENROL, REMOVE }

    record Change(long sequence, UUID dogId, ChangeKind kind) {
    }

    /**
     * Stores (or replaces) a dog's templates, their index form (same order) and model and logs the change,
     * atomically; returns its sequence.
     */
    long save(UUID dogId, List<NoseTemplate> photos, List<IndexPhoto> indexPhotos, DogModel model);

    /** A dog's index form in a matcher version other than the one its templates were made with. */
    interface OtherVersions {
        IndexEntry indexIn(String version, UUID dogId, List<NoseTemplate> photos);
    }

    /**
     * Like {@link #save(UUID, List, List, DogModel)}, and also in every other matcher version the store is writing
     * (one being built by an adaptation, the one just replaced), all in the same transaction; a store that keeps one
     * version only ignores {@code others}.
     */
    default long save(UUID dogId, List<NoseTemplate> photos, List<IndexPhoto> indexPhotos, DogModel model,
                      OtherVersions others) {
        return save(dogId, photos, indexPhotos, model);
    }

    /** A dog's index entry in one matcher version. */
    default Optional<IndexEntry> indexEntry(UUID dogId, String version) {
        return indexEntry(dogId).filter(e -> e.vocabularyVersion().equals(version));
    }

    /** Streams the index entry of every dog stored in one matcher version. */
    default void forEachIndexEntry(String version, Consumer<IndexEntry> consumer) {
        forEachIndexEntry(e -> {
            if (e.vocabularyVersion().equals(version)) {
                consumer.accept(e);
            }
        });
    }

    /** Deletes a dog and logs the change; returns its sequence, or -1 when the dog was not stored. */
    long delete(UUID dogId);

    boolean contains(UUID dogId);

    Optional<IndexEntry> indexEntry(UUID dogId);

    /** Full templates of one dog, empty when not stored. */
    List<NoseTemplate> templates(UUID dogId);

    /** Streams the index entry of every stored dog. */
    void forEachIndexEntry(Consumer<IndexEntry> consumer);

    /** Changes with a sequence above {@code afterSequence}, in sequence order, at most {@code limit}. */
    List<Change> changesSince(long afterSequence, int limit);

    /** Highest sequence in the change log (0 when empty). */
    long latestSequence();
}
