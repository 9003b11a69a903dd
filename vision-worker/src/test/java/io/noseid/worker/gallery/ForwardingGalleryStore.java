package io.noseid.worker.gallery;

import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.IndexPhoto;
import io.noseid.worker.matcher.NoseTemplate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** A gallery store that hands every call to another; tests override only the calls whose behaviour they change. */
public abstract class ForwardingGalleryStore implements GalleryStore {

    private final GalleryStore delegate;

    protected ForwardingGalleryStore(GalleryStore delegate) {
        this.delegate = delegate;
    }

    protected GalleryStore delegate() {
        return delegate;
    }

    @Override
    public long save(UUID dogId, List<NoseTemplate> photos, List<IndexPhoto> indexPhotos, DogModel model) {
        return delegate.save(dogId, photos, indexPhotos, model);
    }

    @Override
    public long delete(UUID dogId) {
        return delegate.delete(dogId);
    }

    @Override
    public boolean contains(UUID dogId) {
        return delegate.contains(dogId);
    }

    @Override
    public Optional<IndexEntry> indexEntry(UUID dogId) {
        return delegate.indexEntry(dogId);
    }

    @Override
    public List<NoseTemplate> templates(UUID dogId) {
        return delegate.templates(dogId);
    }

    @Override
    public void forEachIndexEntry(Consumer<IndexEntry> consumer) {
        delegate.forEachIndexEntry(consumer);
    }

    @Override
    public List<Change> changesSince(long afterSequence, int limit) {
        return delegate.changesSince(afterSequence, limit);
    }

    @Override
    public long latestSequence() {
        return delegate.latestSequence();
    }
}
