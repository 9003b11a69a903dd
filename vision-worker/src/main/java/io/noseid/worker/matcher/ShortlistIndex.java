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
 * In-memory shortlist index: an inverted file over the tf-idf vectors of every enrolled photo (one vector per photo,
 * a dog scores the best of its photos) plus each dog's SVM weights. Only this lives in memory for the whole gallery;
 * descriptors are fetched for shortlisted dogs. Weights are kept as 16-bit values so that 100,000 dogs fit in a
 * small heap. Not thread-safe: {@link NoseMatcher} guards it with a read-write lock.
 */
final class ShortlistIndex {

    private static final float Q = 32767f;

    private final int coarseDim;
    private final Map<UUID, Integer> slotOf = new HashMap<>();
    private final Deque<Integer> freeSlots = new ArrayDeque<>();
    private UUID[] dogIds = new UUID[1024];
    private int[][] dogPhotos = new int[1024][];
    private short[][] svmWeights = new short[1024][];
    private float[] svmBias = new float[1024];
    private int slotCount;

    private int[] photoDog = new int[4096];
    private int photoCount;
    private int deadPhotos;

    private final int[][] postIds;
    private final short[][] postWeights;
    private final int[] postLen;

    ShortlistIndex(int words, int coarseDim) {
        this.coarseDim = coarseDim;
        postIds = new int[words][];
        postWeights = new short[words][];
        postLen = new int[words];
    }

    int size() {
        return slotOf.size();
    }

    boolean contains(UUID dogId) {
        return slotOf.containsKey(dogId);
    }

    void put(UUID dogId, List<BowVector> photos, DogModel model) {
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
            int id = photoCount++;
            if (id == photoDog.length) {
                photoDog = Arrays.copyOf(photoDog, photoDog.length * 2);
            }
            photoDog[id] = slot;
            ids[p] = id;
            BowVector v = photos.get(p);
            for (int k = 0; k < v.size(); k++) {
                int w = v.indices()[k];
                int len = postLen[w];
                if (postIds[w] == null) {
                    postIds[w] = new int[8];
                    postWeights[w] = new short[8];
                } else if (len == postIds[w].length) {
                    postIds[w] = Arrays.copyOf(postIds[w], len + (len >> 1) + 8);
                    postWeights[w] = Arrays.copyOf(postWeights[w], postIds[w].length);
                }
                postIds[w][len] = id;
                postWeights[w][len] = (short) Math.round(Math.min(1f, v.values()[k]) * Q);
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
                int nid = newId[postIds[w][k]];
                if (nid >= 0) {
                    postIds[w][out] = nid;
                    postWeights[w][out] = postWeights[w][k];
                    out++;
                }
            }
            postLen[w] = out;
            if (out == 0) {
                postIds[w] = null;
                postWeights[w] = null;
            } else if (out < postIds[w].length / 2) {
                postIds[w] = Arrays.copyOf(postIds[w], out);
                postWeights[w] = Arrays.copyOf(postWeights[w], out);
            }
        }
        int[] nd = new int[Math.max(4096, next * 2)];
        for (int id = 0; id < photoCount; id++) {
            if (newId[id] >= 0) {
                nd[newId[id]] = photoDog[id];
            }
        }
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
     * Best {@code k} dogs for the probe photos: per probe photo, each dog scores the cosine of its best photo, fused
     * with {@code svmWeight} times its SVM margin; over several probe photos a dog keeps its best score.
     */
    List<ScoredDog> shortlist(List<BowVector> probes, List<float[]> probeCoarse, int k, double svmWeight) {
        return shortlist(probes, probeCoarse, k, svmWeight, 0);
    }

    List<ScoredDog> shortlist(List<BowVector> probes, List<float[]> probeCoarse, int k, double svmWeight,
                              double secondPhotoWeight) {
        float[] dogScore = new float[slotCount];
        Arrays.fill(dogScore, Float.NEGATIVE_INFINITY);
        float[] acc = new float[photoCount];
        float[] perDog = new float[slotCount];
        for (int q = 0; q < probes.size(); q++) {
            BowVector v = probes.get(q);
            Arrays.fill(acc, 0f);
            for (int t = 0; t < v.size(); t++) {
                int w = v.indices()[t];
                int len = postLen[w];
                if (len == 0) {
                    continue;
                }
                float pw = v.values()[t] / Q;
                int[] ids = postIds[w];
                short[] ws = postWeights[w];
                for (int i = 0; i < len; i++) {
                    acc[ids[i]] += pw * ws[i];
                }
            }
            Arrays.fill(perDog, 0f);
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
