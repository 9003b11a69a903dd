package io.noseid.worker.matcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * In-memory shortlist index: an inverted file with one posting per enrolled keypoint ({@link PostingList}),
 * optionally each dog's SVM weights. Pass 1 scores every photo by rotation-consistent votes ({@link ProbeVotes}),
 * pass 2 re-ranks the best photos by a RANSAC similarity over the same postings ({@link SpatialRerank}). One entry per
 * photo, a dog scores its best photo. Only this lives in memory for the whole gallery; descriptors are fetched for
 * shortlisted dogs. Not thread-safe: {@link NoseMatcher} guards it with a read-write lock. How the settings were
 * chosen: vision-worker/MATCHER.md.
 */
final class ShortlistIndex {

    static final int MAX_PHOTOS = PostingList.MAX_PHOTOS;

    private final float[] idf;
    private final int coarseDim;
    private final ProbeVotes votes;
    private final SpatialRerank rerank;

    /** Postings by word; null for a word without any. */
    private final PostingList[] postings;
    /** Collects the postings between {@link #startBulkLoad()} and {@link #finishBulkLoad()}; null otherwise. */
    private PostingListLoader loader;

    // Dogs, by slot (slots of removed dogs are reused).
    private final Map<UUID, Integer> slotOf = new HashMap<>();
    private final Deque<Integer> freeSlots = new ArrayDeque<>();
    private UUID[] dogIds = new UUID[1024];
    private int[][] dogPhotos = new int[1024][];
    private short[][] svmWeights = new short[1024][];
    private float[] svmBias = new float[1024];
    private int slotCount;

    // Photos, by photo id (ids of removed photos are dropped by compact()).
    private int[] photoDog = new int[4096];
    private float[] photoInvNorm = new float[4096];
    private int photoCount;
    private int deadPhotos;

    /** Reads the {@code shortlist} settings of {@code s}; {@code verifier} fits the re-rank's similarities. */
    ShortlistIndex(float[] idf, int coarseDim, GeometricVerifier verifier, MatcherSettings s) {
        this.idf = idf;
        this.coarseDim = coarseDim;
        this.votes = new ProbeVotes(idf, s.maxHammingDistance(), s.orientationBins());
        this.rerank = new SpatialRerank(verifier, s.rerankPhotos(), s.rerankIterations(), s.rerankMaxOctaves(),
                s.maxHammingDistance());
        this.postings = new PostingList[idf.length];
    }

    /** 1 / the L2 norm of the photo's tf-idf vector. */
    private float invNorm(int[] words) {
        int[] sorted = words.clone();
        Arrays.sort(sorted);
        double n = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double w = (j - i) * idf[sorted[i]];
            n += w * w;
            i = j;
        }
        return n > 0 ? (float) (1 / Math.sqrt(n)) : 0f;
    }

    int size() {
        return slotOf.size();
    }

    boolean contains(UUID dogId) {
        return slotOf.containsKey(dogId);
    }

    void put(UUID dogId, List<IndexPhoto> photos, DogModel model) {
        remove(dogId);
        int slot;
        if (!freeSlots.isEmpty()) {
            slot = freeSlots.pop();
        } else {
            slot = slotCount++;
            if (slot == dogIds.length) {
                int cap = dogIds.length * 2;
                dogIds = Arrays.copyOf(dogIds, cap);
                dogPhotos = Arrays.copyOf(dogPhotos, cap);
                svmWeights = Arrays.copyOf(svmWeights, cap);
                svmBias = Arrays.copyOf(svmBias, cap);
            }
        }
        dogIds[slot] = dogId;
        slotOf.put(dogId, slot);
        int[] ids = new int[photos.size()];
        for (int p = 0; p < photos.size(); p++) {
            if (photoCount == MAX_PHOTOS) {
                throw new IllegalStateException("the shortlist index holds at most " + MAX_PHOTOS + " photos");
            }
            int id = photoCount++;
            if (id == photoDog.length) {
                photoDog = Arrays.copyOf(photoDog, photoDog.length * 2);
            }
            if (id == photoInvNorm.length) {
                photoInvNorm = Arrays.copyOf(photoInvNorm, photoInvNorm.length * 2);
            }
            photoDog[id] = slot;
            ids[p] = id;
            IndexPhoto photo = photos.get(p);
            if (photo.signatures() == null) {
                throw new IllegalArgumentException("photo without Hamming signatures");
            }
            photoInvNorm[id] = invNorm(photo.words());
            for (int k = 0; k < photo.words().length; k++) {
                int w = photo.words()[k];
                if (idf[w] <= 0) {
                    continue;
                }
                if (loader != null) {
                    loader.add(w, id, photo.angles()[k], photo.scales()[k], photo.xs()[k], photo.ys()[k],
                            photo.signatures()[k]);
                    continue;
                }
                if (postings[w] == null) {
                    postings[w] = new PostingList();
                }
                postings[w].add(id, photo.angles()[k], photo.scales()[k], photo.xs()[k], photo.ys()[k],
                        photo.signatures()[k]);
            }
        }
        dogPhotos[slot] = ids;
        // Without a model (SVM fusion off) nothing is held: 2 KB per dog matter at 100,000 dogs.
        short[] sw = null;
        svmBias[slot] = 0f;
        if (model != null && model.weights().length == coarseDim) {
            sw = new short[coarseDim];
            for (int i = 0; i < coarseDim; i++) {
                sw[i] = Float.floatToFloat16(model.weights()[i]);
            }
            svmBias[slot] = model.bias();
        }
        svmWeights[slot] = sw;
    }

    /**
     * Until {@link #finishBulkLoad()}, puts collect their postings in a {@link PostingListLoader} (the load at start:
     * several times faster than adding them to the lists one by one). Only on an empty index.
     */
    void startBulkLoad() {
        if (photoCount > 0) {
            throw new IllegalStateException("a bulk load starts on an empty index");
        }
        loader = new PostingListLoader(postings.length);
    }

    /** Turns the postings collected since {@link #startBulkLoad()} into the posting lists; a no-op otherwise. */
    void finishBulkLoad() {
        if (loader == null) {
            return;
        }
        for (int w = 0; w < postings.length; w++) {
            postings[w] = loader.finish(w);
        }
        loader = null;
    }

    void remove(UUID dogId) {
        if (loader != null && slotOf.containsKey(dogId)) {
            // A dog replaced while loading (a store that streams it twice): removal works on the lists.
            finishBulkLoad();
        }
        Integer slot = slotOf.remove(dogId);
        if (slot == null) {
            return;
        }
        for (int id : dogPhotos[slot]) {
            photoDog[id] = -1;
            deadPhotos++;
        }
        dogIds[slot] = null;
        dogPhotos[slot] = null;
        svmWeights[slot] = null;
        freeSlots.push(slot);
        if (deadPhotos > 1000 && deadPhotos > photoCount / 4) {
            compact();
        }
    }

    /** Releases the spare capacity of the posting lists (after the bulk load at start: about a fifth of the index). */
    void trimToSize() {
        for (PostingList list : postings) {
            if (list != null) {
                list.trimToSize();
            }
        }
    }

    /** Drops postings of removed photos and renumbers the live ones. */
    private void compact() {
        int[] newId = new int[photoCount];
        int next = 0;
        for (int id = 0; id < photoCount; id++) {
            newId[id] = photoDog[id] >= 0 ? next++ : -1;
        }
        for (int w = 0; w < postings.length; w++) {
            if (postings[w] != null && !postings[w].compact(newId)) {
                postings[w] = null;
            }
        }
        int[] nd = new int[Math.max(4096, next * 2)];
        float[] nn = new float[nd.length];
        for (int id = 0; id < photoCount; id++) {
            if (newId[id] >= 0) {
                nd[newId[id]] = photoDog[id];
                nn[newId[id]] = photoInvNorm[id];
            }
        }
        photoInvNorm = nn;
        for (int s = 0; s < slotCount; s++) {
            if (dogPhotos[s] != null) {
                for (int p = 0; p < dogPhotos[s].length; p++) {
                    dogPhotos[s][p] = newId[dogPhotos[s][p]];
                }
            }
        }
        photoDog = nd;
        photoCount = next;
        deadPhotos = 0;
    }

    /**
     * Best {@code k} dogs for the probe photos: per probe photo, each dog scores its best photo, plus
     * {@code secondPhotoWeight} times its second best, plus {@code svmWeight} times its SVM margin; over several
     * probe photos a dog keeps its best score.
     */
    List<ScoredDog> shortlist(List<IndexPhoto> probes, List<float[]> probeCoarse, int k, double svmWeight,
                              double secondPhotoWeight) {
        if (loader != null) {
            throw new IllegalStateException("the index is still loading");
        }
        float[] dogScore = new float[slotCount];
        Arrays.fill(dogScore, Float.NEGATIVE_INFINITY);
        float[] photoScore = new float[photoCount];
        float[] perDog = new float[slotCount];
        for (int q = 0; q < probes.size(); q++) {
            IndexPhoto v = probes.get(q);
            int[] sortedWords = v.words().clone();
            Arrays.sort(sortedWords);
            votes.score(v, sortedWords, invNorm(v.words()), postings, photoCount, photoInvNorm, photoScore);
            if (rerank.enabled()) {
                rerank.rerank(v, sortedWords, postings, photoCount, photoScore);
            }
            perDogScores(photoScore, secondPhotoWeight, perDog);
            if (svmWeight != 0) {
                addSvmMargins(probeCoarse.get(q), svmWeight, perDog);
            }
            for (int s = 0; s < slotCount; s++) {
                if (dogIds[s] != null && perDog[s] > dogScore[s]) {
                    dogScore[s] = perDog[s];
                }
            }
        }
        int[] best = TopK.best(dogScore, slotCount, k, s -> dogIds[s] != null);
        List<ScoredDog> out = new ArrayList<>(best.length);
        for (int s : best) {
            out.add(new ScoredDog(dogIds[s], dogScore[s]));
        }
        return out;
    }

    /** Each dog's best photo score, plus {@code secondPhotoWeight} times its second best. */
    private void perDogScores(float[] photoScore, double secondPhotoWeight, float[] perDog) {
        Arrays.fill(perDog, 0f);
        if (secondPhotoWeight == 0) {
            for (int id = 0; id < photoCount; id++) {
                int d = photoDog[id];
                if (d >= 0 && photoScore[id] > perDog[d]) {
                    perDog[d] = photoScore[id];
                }
            }
            return;
        }
        for (int d = 0; d < slotCount; d++) {
            int[] ids = dogPhotos[d];
            if (ids == null) {
                continue;
            }
            float b1 = 0;
            float b2 = 0;
            for (int id : ids) {
                float x = photoScore[id];
                if (x > b1) {
                    b2 = b1;
                    b1 = x;
                } else if (x > b2) {
                    b2 = x;
                }
            }
            perDog[d] = (float) (b1 + secondPhotoWeight * b2);
        }
    }

    private void addSvmMargins(float[] h, double svmWeight, float[] perDog) {
        int[] nz = nonZero(h);
        for (int s = 0; s < slotCount; s++) {
            short[] sw = svmWeights[s];
            if (sw == null) {
                continue;
            }
            float m = svmBias[s];
            for (int i : nz) {
                m += h[i] * Float.float16ToFloat(sw[i]);
            }
            perDog[s] += (float) (svmWeight * m);
        }
    }

    private static int[] nonZero(float[] h) {
        int n = 0;
        for (float v : h) {
            if (v != 0) {
                n++;
            }
        }
        int[] nz = new int[n];
        n = 0;
        for (int i = 0; i < h.length; i++) {
            if (h[i] != 0) {
                nz[n++] = i;
            }
        }
        return nz;
    }
}
