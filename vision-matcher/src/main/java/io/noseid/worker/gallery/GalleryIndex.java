package io.noseid.worker.gallery;

import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.IndexPhoto;

import java.util.List;
import java.util.UUID;

/** What the gallery keeps up to date in memory: the matcher's shortlist index. */
public interface GalleryIndex {

    /** Adds or replaces a dog; its photos carry current Hamming signatures. */
    void put(UUID dogId, List<IndexPhoto> photos, DogModel model);

    void remove(UUID dogId);

    /** Called before the initial load: the puts until {@link #loaded()} are a bulk load of an empty index. */
    default void loading() {
    }

    /** Called once the initial load is complete. */
    default void loaded() {
    }
}
