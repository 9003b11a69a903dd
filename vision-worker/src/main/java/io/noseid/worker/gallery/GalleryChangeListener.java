package io.noseid.worker.gallery;

import java.util.UUID;

/** Told after a gallery change was committed, so other replicas apply it at once. */
public interface GalleryChangeListener {
    void enrolled(UUID dogId);

    void removed(UUID dogId);
}
