package io.noseid.worker.matcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * In-memory shortlist index: an inverted file with one posting per enrolled keypoint (photo id, orientation, scale,
 * position and Hamming signature: 12 bytes), optionally each dog's SVM weights. A probe keypoint votes idf^2 for
 * every posting of its word whose signature is within {@link #MAX_HAMMING} bits of its own (Hamming embedding: a
 * near neighbour in descriptor space, not just the same word), into the photo's bin of orientation difference; a
 * photo scores its best 90-degree window, normalised like a tf-idf cosine. Votes of true matches share one rotation,
 * chance votes spread over all bins (weak geometric consistency). The best photos are then re-ranked by a RANSAC
 * similarity over the same postings. One entry per photo, a dog scores its best photo. Only this lives in memory for
 * the whole gallery; descriptors are fetched for shortlisted dogs. Not thread-safe: {@link NoseMatcher} guards it
 * with a read-write lock.
 */
final class ShortlistIndex {

    static final int BINS = 8;

    private final float[] idf;
    private final int coarseDim;
    private final ThreadLocal<float[]> histograms = ThreadLocal.withInitial(() -> new float[0]);
    private final Map<UUID, Integer> slotOf = new HashMap<>();
    private final Deque<Integer> freeSlots = new ArrayDeque<>();
    private UUID[] dogIds = new UUID[1024];
    private int[][] dogPhotos = new int[1024][];
    private short[][] svmWeights = new short[1024][];
    private float[] svmBias = new float[1024];
    private int slotCount;

    private int[] photoDog = new int[4096];
    private float[] photoInvNorm = new float[4096];
    private int photoCount;
    private int deadPhotos;

    /** Photo id (high 24 bits) and orientation (low 8 bits) of each posting, packed: 1 byte less per keypoint. */
    private final int[][] postIds;
    static final int MAX_PHOTOS = 1 << 24;
    private final byte[][] postScales;
    private final byte[][] postXs;
    private final byte[][] postYs;
    private final int[][] postSigs;
    /**
     * Votes and correspondences only between keypoints whose 32-bit signatures differ in at most this many bits.
     * Measured with the evaluate command (seed 2026, genuine probes, 100 / 1,000 dogs): 8, 10, 12, 14 and 16 bits
     * gave shortlist recall @30 of 1.00/0.98, 0.99/0.99, 0.99/0.99, 0.99/0.99, 0.99/0.98 and rank-1 0.99/0.98,
     * 0.99/0.98, 0.99/0.99, 0.99/0.98, 0.99/0.98; 16-bit signatures (6 bits) lost a probe at each size.
     */
    static final int MAX_HAMMING = 12;
    private final GeometricVerifier verifier;
    private final int[] postLen;

    ShortlistIndex(float[] idf, int coarseDim, GeometricVerifier verifier, int rerankPhotos) {
        this.idf = idf;
        this.verifier = verifier;
        this.refinePhotos = rerankPhotos;
        postXs = new byte[idf.length][];
        postYs = new byte[idf.length][];
        postSigs = new int[idf.length][];
        this.coarseDim = coarseDim;
        postIds = new int[idf.length][];
        postScales = new byte[idf.length][];
        postLen = new int[idf.length];
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
                int len = postLen[w];
                if (postIds[w] == null) {
                    postIds[w] = new int[8];
                    postScales[w] = new byte[8];
                    postXs[w] = new byte[8];
                    postYs[w] = new byte[8];
                    postSigs[w] = new int[8];
                } else if (len == postIds[w].length) {
                    // Grows by an eighth: at 100,000 dogs the spare capacity is what matters, not the copies.
                    postIds[w] = Arrays.copyOf(postIds[w], len + (len >> 3) + 8);
                    postScales[w] = Arrays.copyOf(postScales[w], postIds[w].length);
                    postXs[w] = Arrays.copyOf(postXs[w], postIds[w].length);
                    postYs[w] = Arrays.copyOf(postYs[w], postIds[w].length);
                    postSigs[w] = Arrays.copyOf(postSigs[w], postIds[w].length);
                }
                postIds[w][len] = id << 8 | (photo.angles()[k] & 0xff);
                postScales[w][len] = photo.scales()[k];
                postXs[w][len] = photo.xs()[k];
                postYs[w][len] = photo.ys()[k];
                postSigs[w][len] = photo.signatures()[k];
                postLen[w] = len + 1;
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

    void remove(UUID dogId) {
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
        for (int w = 0; w < postLen.length; w++) {
            int len = postLen[w];
            if (postIds[w] != null && postIds[w].length > len) {
                postIds[w] = Arrays.copyOf(postIds[w], len);
                postScales[w] = Arrays.copyOf(postScales[w], len);
                postXs[w] = Arrays.copyOf(postXs[w], len);
                postYs[w] = Arrays.copyOf(postYs[w], len);
                postSigs[w] = Arrays.copyOf(postSigs[w], len);
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
        for (int w = 0; w < postLen.length; w++) {
            int len = postLen[w];
            int out = 0;
            for (int k = 0; k < len; k++) {
                int nid = newId[postIds[w][k] >>> 8];
                if (nid >= 0) {
                    postIds[w][out] = nid << 8 | (postIds[w][k] & 0xff);
                    postScales[w][out] = postScales[w][k];
                    postXs[w][out] = postXs[w][k];
                    postYs[w][out] = postYs[w][k];
                    postSigs[w][out] = postSigs[w][k];
                    out++;
                }
            }
            postLen[w] = out;
            if (out == 0) {
                postIds[w] = null;
                postScales[w] = null;
                postXs[w] = null;
                postYs[w] = null;
                postSigs[w] = null;
            } else if (out < postIds[w].length / 2) {
                postIds[w] = Arrays.copyOf(postIds[w], out);
                postScales[w] = Arrays.copyOf(postScales[w], out);
                postXs[w] = Arrays.copyOf(postXs[w], out);
                postYs[w] = Arrays.copyOf(postYs[w], out);
                postSigs[w] = Arrays.copyOf(postSigs[w], out);
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
        float[] dogScore = new float[slotCount];
        Arrays.fill(dogScore, Float.NEGATIVE_INFINITY);
        float[] hist = histograms.get();
        if (hist.length < photoCount * BINS) {
            hist = new float[photoCount * BINS + BINS * 1024];
            histograms.set(hist);
        }
        float[] photoScore = new float[photoCount];
        float[] perDog = new float[slotCount];
        for (int q = 0; q < probes.size(); q++) {
            IndexPhoto v = probes.get(q);
            Arrays.fill(hist, 0, photoCount * BINS, 0f);
            int[] pw = v.words();
            int[] sortedWords = pw.clone();
            Arrays.sort(sortedWords);
            float probeInv = invNorm(pw);
            for (int t = 0; t < pw.length; t++) {
                int w = pw[t];
                int len = postLen[w];
                if (len == 0) {
                    continue;
                }
                // Repeated probe words share one vote in total (burstiness).
                float vote = idf[w] * idf[w] / occurrences(sortedWords, w);
                int pa = v.angles()[t] & 0xff;
                int psig = v.signatures()[t];
                int[] ids = postIds[w];
                int[] sigs = postSigs[w];
                for (int i = 0; i < len; i++) {
                    if (Integer.bitCount(psig ^ sigs[i]) > MAX_HAMMING) {
                        continue;
                    }
                    int bin = ((pa - ids[i]) & 0xff) >> 5;
                    hist[(ids[i] >>> 8) * BINS + bin] += vote;
                }
            }
            for (int id = 0; id < photoCount; id++) {
                int o = id * BINS;
                float best = 0;
                for (int b = 0; b < BINS; b++) {
                    float x = hist[o + b] + hist[o + ((b + 1) & (BINS - 1))];
                    if (x > best) {
                        best = x;
                    }
                }
                photoScore[id] = best * photoInvNorm[id] * probeInv;
            }
            if (refinePhotos > 0) {
                refineWithScale(v, sortedWords, probeInv, photoScore);
            }
            Arrays.fill(perDog, 0f);
            float[] acc = photoScore;
            if (secondPhotoWeight == 0) {
                for (int id = 0; id < photoCount; id++) {
                    int d = photoDog[id];
                    if (d >= 0 && acc[id] > perDog[d]) {
                        perDog[d] = acc[id];
                    }
                }
            } else {
                for (int d = 0; d < slotCount; d++) {
                    int[] ids = dogPhotos[d];
                    if (ids == null) {
                        continue;
                    }
                    float b1 = 0;
                    float b2 = 0;
                    for (int id : ids) {
                        float x = acc[id];
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
            if (svmWeight != 0) {
                float[] h = probeCoarse.get(q);
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
            for (int s = 0; s < slotCount; s++) {
                if (dogIds[s] != null && perDog[s] > dogScore[s]) {
                    dogScore[s] = perDog[s];
                }
            }
        }
        PriorityQueue<Integer> top = new PriorityQueue<>(k + 1, (x, y) -> Float.compare(dogScore[x], dogScore[y]));
        for (int s = 0; s < slotCount; s++) {
            if (dogIds[s] == null) {
                continue;
            }
            if (top.size() < k) {
                top.add(s);
            } else if (dogScore[s] > dogScore[top.peek()]) {
                top.poll();
                top.add(s);
            }
        }
        List<ScoredDog> out = new ArrayList<>(top.size());
        while (!top.isEmpty()) {
            int s = top.poll();
            out.add(new ScoredDog(dogIds[s], dogScore[s]));
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** RANSAC samples per photo in the re-rank: a true pair has a large inlier share, found in few samples. */
    private static final int RERANK_ITERATIONS = 100;

    /** Photos re-scored by the spatial second pass; 0 turns it off. */
    private final int refinePhotos;

    /**
     * Second pass over the best {@code refinePhotos} photos of the first: keypoints sharing a word (words seen at
     * most twice in the probe) are tentative correspondences, restricted to scale ratios within +-2 octaves, and a
     * RANSAC similarity counts the consistent ones. A photo then scores its inliers plus its first-pass score (a tie
     * break below one inlier). This is the visual-word spatial verification of the literature, done from the
     * postings so that no template has to be fetched for it. Photos outside the set score their first-pass score
     * scaled below any refined photo.
     */
    private void refineWithScale(IndexPhoto v, int[] sortedWords, float probeInv, float[] photoScore) {
        int m = Math.min(refinePhotos, photoCount);
        if (m == 0) {
            return;
        }
        int[] top = topPhotos(photoScore, m);
        int[] slot = new int[photoCount];
        Arrays.fill(slot, -1);
        for (int i = 0; i < top.length; i++) {
            slot[top[i]] = i;
        }
        int[] pw = v.words();
        int[] counts = new int[top.length + 1];
        // Two passes over the postings: count correspondences per photo, then fill them in place.
        for (int pass = 0; pass < 2; pass++) {
            float[] px = null;
            float[] py = null;
            float[] gx = null;
            float[] gy = null;
            int[] fill = null;
            if (pass == 1) {
                for (int i = 0; i < top.length; i++) {
                    counts[i + 1] += counts[i];
                }
                int total = counts[top.length];
                px = new float[total];
                py = new float[total];
                gx = new float[total];
                gy = new float[total];
                fill = Arrays.copyOf(counts, top.length);
            }
            for (int t = 0; t < pw.length; t++) {
                int w = pw[t];
                int len = postLen[w];
                if (len == 0 || occurrences(sortedWords, w) > 2) {
                    continue;
                }
                int ps = v.scales()[t];
                int psig = v.signatures()[t];
                int[] ids = postIds[w];
                byte[] sc = postScales[w];
                int[] sigs = postSigs[w];
                for (int i = 0; i < len; i++) {
                    int s = slot[ids[i] >>> 8];
                    if (s < 0 || Math.abs(ps - sc[i]) > 8 || Integer.bitCount(psig ^ sigs[i]) > MAX_HAMMING) {
                        continue;
                    }
                    if (pass == 0) {
                        counts[s + 1]++;
                    } else {
                        int o = fill[s]++;
                        px[o] = IndexPhoto.position(v.xs()[t]);
                        py[o] = IndexPhoto.position(v.ys()[t]);
                        gx[o] = IndexPhoto.position(postXs[w][i]);
                        gy[o] = IndexPhoto.position(postYs[w][i]);
                    }
                }
            }
            if (pass == 1) {
                float maxFirst = 0;
                for (float x : photoScore) {
                    maxFirst = Math.max(maxFirst, x);
                }
                float scale = maxFirst > 0 ? 0.5f / maxFirst : 0f;
                java.util.BitSet refined = new java.util.BitSet(photoCount);
                for (int i = 0; i < top.length; i++) {
                    int from = counts[i];
                    int to = counts[i + 1];
                    int inliers = to - from < 2 ? to - from : verifier.ransacSimilarity(
                            Arrays.copyOfRange(px, from, to), Arrays.copyOfRange(py, from, to),
                            Arrays.copyOfRange(gx, from, to), Arrays.copyOfRange(gy, from, to), RERANK_ITERATIONS);
                    photoScore[top[i]] = 1 + inliers + photoScore[top[i]] * scale;
                    refined.set(top[i]);
                }
                for (int id = 0; id < photoCount; id++) {
                    if (!refined.get(id)) {
                        photoScore[id] *= scale;
                    }
                }
            }
        }
    }

    private static int occurrences(int[] sorted, int w) {
        int first = Arrays.binarySearch(sorted, w);
        if (first < 0) {
            return 0;
        }
        while (first > 0 && sorted[first - 1] == w) {
            first--;
        }
        int count = 0;
        while (first + count < sorted.length && sorted[first + count] == w) {
            count++;
        }
        return count;
    }

    private static int[] topPhotos(float[] score, int m) {
        PriorityQueue<Integer> q = new PriorityQueue<>(m + 1, (x, y) -> Float.compare(score[x], score[y]));
        for (int i = 0; i < score.length; i++) {
            if (q.size() < m) {
                q.add(i);
            } else if (score[i] > score[q.peek()]) {
                q.poll();
                q.add(i);
            }
        }
        return q.stream().mapToInt(Integer::intValue).toArray();
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
