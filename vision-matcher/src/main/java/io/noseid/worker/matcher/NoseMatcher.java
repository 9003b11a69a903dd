package io.noseid.worker.matcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;

/**
 * Identifies a dog from nose templates: tf-idf inverted-file shortlist (optionally fused with per-dog SVM margins),
 * then geometric verification of each shortlisted dog's photos, then one open-set threshold. The whole gallery's
 * shortlist index is in memory; descriptors of shortlisted dogs come from the store through a bounded cache.
 */
public final class NoseMatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NoseMatcher.class.getName());
    private static final long GAP_TIMEOUT_NANOS = 10_000_000_000L;
    /** Inliers, in multiples of the threshold, past which further photos of the same dog cannot change the answer. */
    private static final double DECISIVE = 3.0;

    private final MatcherSettings settings;
    private final Vocabulary vocabulary;
    private final GalleryStore store;
    private final GeometricVerifier verifier;
    private final ShortlistIndex index;
    private final HammingEmbedding embedding;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<UUID, List<NoseTemplate>> cache;

    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final Object catchUpLock = new Object();
    private long watermark;
    private final TreeSet<Long> appliedAboveWatermark = new TreeSet<>();
    private long gapSeenAt = -1;

    /** Timings and shortlist of one identification, for evaluation and monitoring. */
    public record Identification(MatchDecision decision, List<ScoredDog> shortlist, long shortlistNanos,
                                 long fetchNanos, long verifyNanos) {
    }

    public NoseMatcher(MatcherSettings s, Vocabulary v, GalleryStore store) {
        this.settings = s;
        this.vocabulary = v;
        this.store = store;
        this.verifier = new GeometricVerifier(s);
        this.embedding = new HammingEmbedding(v);
        this.index = new ShortlistIndex(v.idf(), v.coarseDimension(), verifier, s.rerankPhotos());
        int cap = s.templateCacheDogs();
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, List<NoseTemplate>> eldest) {
                return size() > cap;
            }
        };
        // Read the sequence first: whatever commits while loading is replayed by the next catchUp().
        this.watermark = store.latestSequence();
        int[] skipped = {0};
        int[] resigned = {0};
        store.forEachIndexEntry(e -> {
            if (e.vocabularyVersion().equals(v.version())) {
                if (!signed(e.photos())) {
                    resigned[0]++;
                }
                index.put(e.dogId(), signedPhotos(e), s.svmWeight() == 0 ? null : e.model());
            } else {
                skipped[0]++;
            }
        });
        if (skipped[0] > 0) {
            LOG.warning(skipped[0] + " dogs were enrolled with another vocabulary and need re-enrolment");
        }
        index.trimToSize();
        if (resigned[0] > 0) {
            LOG.info(resigned[0] + " dogs stored without current Hamming signatures: recomputed from their templates");
        }
    }

    private record Candidate(UUID dogId, List<NoseTemplate> gallery, double rank) {
    }

    public MatcherSettings settings() {
        return settings;
    }

    public MatchDecision identify(List<NoseTemplate> probePhotos) {
        return identifyDetailed(probePhotos).decision();
    }

    public Identification identifyDetailed(List<NoseTemplate> probePhotos) {
        checkPhotos(probePhotos);
        long t0 = System.nanoTime();
        List<IndexPhoto> bows = indexPhotos(probePhotos);
        List<float[]> coarse = settings.svmWeight() == 0 ? List.of()
                : probePhotos.stream().map(p -> vocabulary.coarseHistogram(p.words())).toList();
        List<ScoredDog> shortlist;
        lock.readLock().lock();
        try {
            shortlist = index.shortlist(bows, coarse, settings.shortlistSize(), settings.svmWeight(),
                    settings.secondPhotoWeight());
        } finally {
            lock.readLock().unlock();
        }
        long t1 = System.nanoTime();
        long fetch = 0;
        // The shortlist is already spatially re-ranked by the index: only the best few dogs' templates are fetched.
        List<Candidate> ranked = new ArrayList<>(settings.verifiedDogs());
        for (ScoredDog candidate : shortlist.subList(0, Math.min(settings.verifiedDogs(), shortlist.size()))) {
            long f0 = System.nanoTime();
            List<NoseTemplate> gallery = templatesOf(candidate.dogId());
            fetch += System.nanoTime() - f0;
            if (!gallery.isEmpty()) {
                ranked.add(new Candidate(candidate.dogId(), gallery, candidate.score()));
            }
        }
        // Stage 2: ratio-test descriptor matching and RANSAC on the best few: the deciding evidence.
        List<GeometricVerifier.Probe> probes = probePhotos.stream().map(GeometricVerifier.Probe::of).toList();
        List<ScoredDog> verified = new ArrayList<>(settings.verifiedDogs());
        for (Candidate c : ranked) {
            verified.add(new ScoredDog(c.dogId(), evidence(probes, c.gallery())));
        }
        long t2 = System.nanoTime();
        verified.sort(Comparator.comparingDouble(ScoredDog::score).reversed());
        List<ScoredDog> candidates = verified.stream().limit(settings.candidatesReturned())
                .map(d -> new ScoredDog(d.dogId(), settings.scoreOf(d.score()))).toList();
        double best = candidates.isEmpty() ? 0 : candidates.getFirst().score();
        boolean matched = best >= 0.5;
        MatchDecision decision = new MatchDecision(matched, matched ? candidates.getFirst().dogId() : null, best,
                candidates);
        return new Identification(decision, shortlist, t1 - t0, fetch, t2 - t1 - fetch);
    }

    /**
     * Verification evidence of one dog: per probe photo the most inliers against any of the dog's photos; several
     * probe photos add {@code secondProbeWeight} (half) of the second best to the best, so agreeing photos strengthen
     * a match while one photo alone decides as before.
     */
    private double evidence(List<GeometricVerifier.Probe> probes, List<NoseTemplate> gallery) {
        double first = 0;
        double second = 0;
        float[][] galleryDesc = new float[gallery.size()][];
        double decisive = DECISIVE * settings.inlierThreshold();
        for (GeometricVerifier.Probe p : probes) {
            int best = 0;
            for (int i = 0; i < gallery.size() && best < decisive; i++) {
                if (galleryDesc[i] == null) {
                    galleryDesc[i] = gallery.get(i).descriptorFloats();
                }
                best = Math.max(best, verifier.inliers(p, gallery.get(i), galleryDesc[i]));
            }
            if (best > first) {
                second = first;
                first = best;
            } else if (best > second) {
                second = best;
            }
        }
        return first + settings.secondProbeWeight() * second;
    }

    private List<NoseTemplate> templatesOf(UUID dogId) {
        synchronized (cache) {
            List<NoseTemplate> t = cache.get(dogId);
            if (t != null) {
                return t;
            }
        }
        long generationBefore = generation.get();
        List<NoseTemplate> t = store.templates(dogId);
        synchronized (cache) {
            // A change applied during the fetch may have made these templates stale: use them once, do not cache.
            if (!t.isEmpty() && generation.get() == generationBefore) {
                cache.put(dogId, t);
            }
        }
        return t;
    }

    public void enrol(UUID dogId, List<NoseTemplate> photos) {
        checkPhotos(photos);
        // The SVM is switched off at weight 0: nothing trains it, an untrained model keeps the stored form.
        DogModel model = settings.svmWeight() == 0 ? DogModel.untrained(vocabulary)
                : DogModel.train(vocabulary, photos, settings.svmC());
        List<IndexPhoto> indexed = indexPhotos(photos);
        store.save(dogId, photos, indexed, model);
        apply(dogId, indexed, model);
    }

    private List<IndexPhoto> indexPhotos(List<NoseTemplate> photos) {
        return photos.stream().map(t -> IndexPhoto.of(t, embedding)).toList();
    }

    private static boolean signed(List<IndexPhoto> photos) {
        return photos.stream().allMatch(p -> p.signatures() != null);
    }

    /** The entry's index photos, re-signed from the stored templates when stored without current signatures. */
    private List<IndexPhoto> signedPhotos(GalleryStore.IndexEntry e) {
        return signed(e.photos()) ? e.photos() : indexPhotos(store.templates(e.dogId()));
    }

    public boolean isEnrolled(UUID dogId) {
        lock.readLock().lock();
        try {
            return index.contains(dogId);
        } finally {
            lock.readLock().unlock();
        }
    }

    public void remove(UUID dogId) {
        store.delete(dogId);
        apply(dogId, null, null);
    }

    private void apply(UUID dogId, List<IndexPhoto> vectors, DogModel model) {
        lock.writeLock().lock();
        try {
            if (vectors == null) {
                index.remove(dogId);
            } else {
                index.put(dogId, vectors, settings.svmWeight() == 0 ? null : model);
            }
        } finally {
            lock.writeLock().unlock();
        }
        synchronized (cache) {
            generation.incrementAndGet();
            cache.remove(dogId);
        }
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
                List<GalleryStore.Change> changes = store.changesSince(cursor, 5_000);
                Set<UUID> dogs = new HashSet<>();
                for (GalleryStore.Change c : changes) {
                    if (c.sequence() > watermark && appliedAboveWatermark.add(c.sequence())) {
                        dogs.add(c.dogId());
                    }
                    cursor = Math.max(cursor, c.sequence());
                }
                for (UUID dog : dogs) {
                    Optional<GalleryStore.IndexEntry> e = store.indexEntry(dog);
                    if (e.isPresent() && e.get().vocabularyVersion().equals(vocabulary.version())) {
                        apply(dog, signedPhotos(e.get()), e.get().model());
                    } else {
                        apply(dog, null, null);
                    }
                }
                if (changes.size() < 5_000) {
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

    public int gallerySize() {
        lock.readLock().lock();
        try {
            return index.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        synchronized (cache) {
            cache.clear();
        }
    }

    private void checkPhotos(List<NoseTemplate> photos) {
        if (photos == null || photos.isEmpty()) {
            throw new IllegalArgumentException("at least one nose photo is required");
        }
        for (NoseTemplate t : photos) {
            if (!vocabulary.version().equals(t.vocabularyVersion())) {
                throw new IllegalArgumentException("template built with vocabulary " + t.vocabularyVersion()
                        + ", matcher uses " + vocabulary.version());
            }
        }
    }
}
