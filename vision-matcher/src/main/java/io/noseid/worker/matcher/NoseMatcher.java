package io.noseid.worker.matcher;

import io.noseid.worker.gallery.Gallery;
import io.noseid.worker.gallery.GalleryIndex;
import io.noseid.worker.gallery.GalleryStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Ranks and decides: the in-memory shortlist index (optionally fused with per-dog SVM margins), then geometric
 * verification of the best shortlisted dogs' photos, then the open-set {@link MatchRule}. The {@link Gallery} owns
 * everything stored: loading, re-signing, enrolment, catch-up and the template cache.
 */
public final class NoseMatcher implements AutoCloseable {

    private final MatcherSettings settings;
    private final Codebook codebook;
    private final Vocabulary vocabulary;
    private final GeometricVerifier verifier;
    private final MatchRule rule;
    private final ShortlistIndex index;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Gallery gallery;

    /**
     * Timings and shortlist of one identification, for evaluation and monitoring; {@code evidence} holds what
     * verification found for each verified dog before the decision maps it to scores (what an adaptation calibrates
     * and trains its verifier on).
     */
    public record Identification(MatchDecision decision, List<ScoredDog> shortlist, List<DogEvidence> evidence,
                                 long shortlistNanos, long fetchNanos, long verifyNanos) {

        /** Each verified dog's fused inliers. */
        public List<ScoredDog> verified() {
            return evidence.stream().map(e -> new ScoredDog(e.dogId(), e.fusedInliers())).toList();
        }

        /** The most inlier evidence any verified dog reached (0 when none was verified). */
        public double bestEvidence() {
            return evidence.stream().mapToDouble(DogEvidence::fusedInliers).max().orElse(0);
        }
    }

    public NoseMatcher(MatcherSettings s, Vocabulary v, GalleryStore store) {
        this(s, new Codebook(v), store, null);
    }

    public NoseMatcher(MatcherSettings s, Codebook codebook, GalleryStore store,
                       Function<String, Codebook> otherVersions) {
        this(s, codebook, store, otherVersions, null);
    }

    /**
     * A matcher of one version ({@code codebook}, and the {@code verificationModel} its adaptation learned, null for
     * the inlier rule); its enrolments are also stored in the other versions the store is writing (during an
     * adaptation), indexed with the codebook {@code otherVersions} gives for a version.
     */
    public NoseMatcher(MatcherSettings s, Codebook codebook, GalleryStore store,
                       Function<String, Codebook> otherVersions, VerificationModel verificationModel) {
        this.settings = s;
        this.codebook = codebook;
        this.vocabulary = codebook.vocabulary();
        this.verifier = new GeometricVerifier(s);
        this.rule = new MatchRule(s, verificationModel);
        this.index = new ShortlistIndex(vocabulary.idf(), vocabulary.coarseDimension(), verifier, s);
        GalleryStore.OtherVersions others = otherVersions == null ? null
                : (version, dogId, photos) -> otherVersions.apply(version).indexEntry(dogId, photos, s);
        this.gallery = new Gallery(store, codebook, others, new LockedIndex(), s.templateCacheDogs());
    }

    /** The shortlist index as the gallery updates it: under the write lock, without the SVM while it is off. */
    private final class LockedIndex implements GalleryIndex {
        @Override
        public void put(UUID dogId, List<IndexPhoto> photos, DogModel model) {
            lock.writeLock().lock();
            try {
                index.put(dogId, photos, settings.svmWeight() == 0 ? null : model);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public void remove(UUID dogId) {
            lock.writeLock().lock();
            try {
                index.remove(dogId);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public void loading() {
            lock.writeLock().lock();
            try {
                index.startBulkLoad();
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public void loaded() {
            lock.writeLock().lock();
            try {
                index.finishBulkLoad();
                index.trimToSize();
            } finally {
                lock.writeLock().unlock();
            }
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
        return identifyDetailed(probePhotos, Set.of());
    }

    /**
     * Identification as if the {@code excluded} dogs were not enrolled: how an adaptation measures impostors on the
     * gallery itself, each enrolled dog's photo probing all the other dogs.
     */
    public Identification identifyDetailed(List<NoseTemplate> photos, Set<UUID> excluded) {
        List<NoseTemplate> probePhotos = inThisVersion(photos);
        long t0 = System.nanoTime();
        List<IndexPhoto> bows = codebook.probeIndexPhotos(probePhotos, settings);
        List<float[]> coarse = settings.svmWeight() == 0 ? List.of()
                : probePhotos.stream().map(p -> vocabulary.coarseHistogram(p.words())).toList();
        List<ScoredDog> shortlist;
        lock.readLock().lock();
        try {
            shortlist = index.shortlist(bows, coarse, settings.shortlistSize() + excluded.size(),
                    settings.svmWeight(), settings.secondPhotoWeight());
        } finally {
            lock.readLock().unlock();
        }
        if (!excluded.isEmpty()) {
            shortlist = shortlist.stream().filter(d -> !excluded.contains(d.dogId())).limit(settings.shortlistSize())
                    .toList();
        }
        long t1 = System.nanoTime();
        long fetch = 0;
        // The shortlist is already spatially re-ranked by the index: only the best few dogs' templates are fetched.
        List<Candidate> ranked = new ArrayList<>(settings.verifiedDogs());
        for (ScoredDog candidate : shortlist.subList(0, Math.min(settings.verifiedDogs(), shortlist.size()))) {
            long f0 = System.nanoTime();
            List<NoseTemplate> templates = gallery.templates(candidate.dogId());
            fetch += System.nanoTime() - f0;
            if (!templates.isEmpty()) {
                ranked.add(new Candidate(candidate.dogId(), templates, candidate.score()));
            }
        }
        // Stage 2: ratio-test descriptor matching and RANSAC on the best few: the deciding evidence.
        List<GeometricVerifier.Probe> probes = probePhotos.stream().map(GeometricVerifier.Probe::of).toList();
        List<DogEvidence> verified = new ArrayList<>(settings.verifiedDogs());
        for (Candidate c : ranked) {
            verified.add(evidence(c.dogId(), probes, c.gallery()));
        }
        long t2 = System.nanoTime();
        MatchDecision decision = rule.decide(verified);
        return new Identification(decision, shortlist, List.copyOf(verified), t1 - t0, fetch, t2 - t1 - fetch);
    }

    /** Verifies the probe photos against given photos of one dog, as identification verifies a shortlisted dog. */
    public DogEvidence verify(List<NoseTemplate> probePhotos, UUID dogId, List<NoseTemplate> dogPhotos) {
        if (dogPhotos.isEmpty()) {
            return DogEvidence.none(dogId);
        }
        List<GeometricVerifier.Probe> probes = inThisVersion(probePhotos).stream().map(GeometricVerifier.Probe::of)
                .toList();
        return evidence(dogId, probes, dogPhotos);
    }

    /** The decision's score of one dog's evidence (the verifier's probability, or the inlier rule's mapping). */
    public double scoreOf(DogEvidence evidence) {
        return rule.scoreOf(evidence);
    }

    /**
     * Verification evidence of one dog: per probe photo the most inliers (SIFT plus weighted AKAZE inliers of the same
     * photo pair) against any of the dog's photos; several
     * probe photos are fused by the {@link MatchRule} (the best plus half of the second best), so agreeing photos
     * strengthen a match while one photo alone decides as before.
     */
    private DogEvidence evidence(UUID dogId, List<GeometricVerifier.Probe> probes, List<NoseTemplate> gallery) {
        double first = 0;
        double second = 0;
        PairMatch bestPair = PairMatch.NONE;
        int secondPhoto = 0;
        float[][] galleryDesc = new float[gallery.size()][];
        long[][] galleryBits = new long[gallery.size()][];
        // Inliers past which further photos of the same dog cannot change the answer.
        double decisive = settings.decisiveFactor() * settings.inlierThreshold();
        for (GeometricVerifier.Probe p : probes) {
            double best = 0;
            double runnerUp = 0;
            PairMatch bestMatch = PairMatch.NONE;
            for (int i = 0; i < gallery.size() && best < decisive; i++) {
                NoseTemplate photo = gallery.get(i);
                if (galleryDesc[i] == null) {
                    galleryDesc[i] = photo.descriptorFloats();
                    galleryBits[i] = GeometricVerifier.packAkaze(photo);
                }
                PairMatch match = verifier.match(p, photo, galleryDesc[i]);
                double pair = match.inliers();
                if (settings.akazeWeight() > 0) {
                    pair += settings.akazeWeight() * verifier.akazeInliers(p, photo, galleryBits[i]);
                }
                if (pair > best) {
                    runnerUp = best;
                    best = pair;
                    bestMatch = match;
                } else if (pair > runnerUp) {
                    runnerUp = pair;
                }
            }
            if (best > first) {
                second = first;
                first = best;
                bestPair = bestMatch;
                secondPhoto = (int) runnerUp;
            } else if (best > second) {
                second = best;
            }
        }
        return new DogEvidence(dogId, rule.fuse(first, second), bestPair, secondPhoto);
    }

    public void enrol(UUID dogId, List<NoseTemplate> templates) {
        List<NoseTemplate> photos = inThisVersion(templates);
        gallery.enrol(dogId, photos, codebook.model(photos, settings));
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
        gallery.remove(dogId);
    }

    /** Applies the changes other workers committed (see {@link Gallery#catchUp()}); returns the highest applied. */
    public long catchUp() {
        return gallery.catchUp();
    }

    /** The version of the visual vocabulary this matcher indexes and answers with. */
    public String vocabularyVersion() {
        return vocabulary.version();
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
        gallery.close();
    }

    /** The photos with their words in this matcher's version (the extractor quantises with the shipped one). */
    private List<NoseTemplate> inThisVersion(List<NoseTemplate> photos) {
        if (photos == null || photos.isEmpty()) {
            throw new IllegalArgumentException("at least one nose photo is required");
        }
        return codebook.adopt(photos);
    }
}
