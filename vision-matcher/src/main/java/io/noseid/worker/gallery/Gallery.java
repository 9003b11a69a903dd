package io.noseid.worker.gallery;

import io.noseid.worker.matcher.Codebook;
import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.IndexPhoto;
import io.noseid.worker.matcher.NoseTemplate;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The gallery as this worker sees it: the shared store, the in-memory index it keeps in step (bulk load at start,
 * every local change, and the changes other workers committed, replayed from the store's change log), the index
 * photos re-signed when stored without current signatures, and a cache of full templates for verification.
 */
public final class Gallery implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gallery.class.getName());
    private static final long GAP_TIMEOUT_NANOS = 10_000_000_000L;
    private static final int CHANGES_PER_READ = 5_000;

    private final GalleryStore store;
    private final Codebook codebook;
    private final GalleryStore.OtherVersions otherVersions;
    private final GalleryIndex index;
    private final TemplateCache cache;

    private final Object catchUpLock = new Object();
    private long watermark;
    private final TreeSet<Long> appliedAboveWatermark = new TreeSet<>();
    private long gapSeenAt = -1;

    /**
     * Loads every dog stored in this codebook's version into {@code index}; enrolments are also stored in the other
     * versions the store is writing, indexed by {@code otherVersions}.
     */
    public Gallery(GalleryStore store, Codebook codebook, GalleryStore.OtherVersions otherVersions,
                   GalleryIndex index, int templateCacheDogs) {
        this.store = store;
        this.codebook = codebook;
        this.otherVersions = otherVersions;
        this.index = index;
        this.cache = new TemplateCache(templateCacheDogs);
        // Read the sequence first: whatever commits while loading is replayed by the next catchUp().
        this.watermark = store.latestSequence();
        int[] resigned = {0};
        index.loading();
        store.forEachIndexEntry(codebook.version(), e -> {
            if (!signed(e.photos())) {
                resigned[0]++;
            }
            index.put(e.dogId(), signedPhotos(e), e.model());
        });
        index.loaded();
        if (resigned[0] > 0) {
            LOG.info(resigned[0] + " dogs stored without current Hamming signatures: recomputed from their templates");
        }
    }

    /** The index form of templates, with current signatures. */
    public List<IndexPhoto> indexPhotos(List<NoseTemplate> photos) {
        return codebook.indexPhotos(photos);
    }

    /** Stores a dog (replacing it) and applies it to the index. */
    public void enrol(UUID dogId, List<NoseTemplate> photos, DogModel model) {
        List<IndexPhoto> indexed = indexPhotos(photos);
        store.save(dogId, photos, indexed, model, otherVersions);
        apply(dogId, indexed, model);
    }

    public void remove(UUID dogId) {
        store.delete(dogId);
        apply(dogId, null, null);
    }

    /**
     * Full templates of one dog, through the cache; empty when not stored. Their words may be those of the version
     * they were enrolled in: verification uses keypoints and descriptors only.
     */
    public List<NoseTemplate> templates(UUID dogId) {
        return cache.get(dogId, store::templates);
    }

    private static boolean signed(List<IndexPhoto> photos) {
        return photos.stream().allMatch(p -> p.signatures() != null);
    }

    /** The entry's index photos, re-signed from the stored templates when stored without current signatures. */
    private List<IndexPhoto> signedPhotos(GalleryStore.IndexEntry e) {
        return signed(e.photos()) ? e.photos() : indexPhotos(store.templates(e.dogId()));
    }

    private void apply(UUID dogId, List<IndexPhoto> photos, DogModel model) {
        if (photos == null) {
            index.remove(dogId);
        } else {
            index.put(dogId, photos, model);
        }
        cache.invalidate(dogId);
    }

    /**
     * Applies changes other workers committed since the last applied sequence and returns the highest applied one.
     * A change is applied by re-reading the dog's current state, so replaying is idempotent and order-free. Auto
     * increment values are allocated before commit, so a lower sequence can become visible after a higher one: the
     * watermark stops at such a gap until it fills, or until it has stayed open long enough to be a rolled-back
     * transaction.
     */
    public long catchUp() {
        synchronized (catchUpLock) {
            long cursor = watermark;
            while (true) {
                List<GalleryStore.Change> changes = store.changesSince(cursor, CHANGES_PER_READ);
                Set<UUID> dogs = new HashSet<>();
                for (GalleryStore.Change c : changes) {
                    if (c.sequence() > watermark && appliedAboveWatermark.add(c.sequence())) {
                        dogs.add(c.dogId());
                    }
                    cursor = Math.max(cursor, c.sequence());
                }
                for (UUID dog : dogs) {
                    Optional<GalleryStore.IndexEntry> e = store.indexEntry(dog, codebook.version());
                    if (e.isPresent()) {
                        apply(dog, signedPhotos(e.get()), e.get().model());
                    } else {
                        apply(dog, null, null);
                    }
                }
                if (changes.size() < CHANGES_PER_READ) {
                    break;
                }
            }
            while (appliedAboveWatermark.remove(watermark + 1)) {
                watermark++;
            }
            if (appliedAboveWatermark.isEmpty()) {
                gapSeenAt = -1;
            } else if (gapSeenAt < 0) {
                gapSeenAt = System.nanoTime();
            } else if (System.nanoTime() - gapSeenAt > GAP_TIMEOUT_NANOS) {
                watermark = appliedAboveWatermark.first();
                appliedAboveWatermark.remove(watermark);
                while (appliedAboveWatermark.remove(watermark + 1)) {
                    watermark++;
                }
                gapSeenAt = appliedAboveWatermark.isEmpty() ? -1 : System.nanoTime();
            }
            return appliedAboveWatermark.isEmpty() ? watermark : appliedAboveWatermark.last();
        }
    }

    @Override
    public void close() {
        cache.clear();
    }
}
