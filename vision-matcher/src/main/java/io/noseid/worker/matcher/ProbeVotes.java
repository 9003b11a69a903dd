package io.noseid.worker.matcher;

import java.util.Arrays;

/**
 * Pass 1 of the shortlist, weak geometric consistency: each probe keypoint votes idf^2 (shared among repeats of its
 * word in the probe: burstiness) for every posting of its word whose signature is within
 * {@link ShortlistIndex#MAX_HAMMING} bits of its own, into the photo's bin of orientation difference; a photo scores
 * its best 90-degree window, normalised like a tf-idf cosine. Votes of true matches share one rotation, chance votes
 * spread over all bins.
 */
final class ProbeVotes {

    /** Orientation-difference bins per photo (45 degrees each). */
    static final int BINS = 8;

    private final float[] idf;
    private final ThreadLocal<float[]> histograms = ThreadLocal.withInitial(() -> new float[0]);

    ProbeVotes(float[] idf) {
        this.idf = idf;
    }

    /**
     * Scores every photo {@code 0..photoCount-1} against one probe photo into {@code photoScore}.
     *
     * @param sortedWords the probe's words, sorted
     * @param probeInv    1 / the L2 norm of the probe's tf-idf vector
     */
    void score(IndexPhoto probe, int[] sortedWords, float probeInv, PostingList[] postings, int photoCount,
               float[] photoInvNorm, float[] photoScore) {
        float[] hist = histograms.get();
        if (hist.length < photoCount * BINS) {
            hist = new float[photoCount * BINS + BINS * 1024];
            histograms.set(hist);
        }
        Arrays.fill(hist, 0, photoCount * BINS, 0f);
        int[] pw = probe.words();
        for (int t = 0; t < pw.length; t++) {
            int w = pw[t];
            PostingList list = postings[w];
            int len = list == null ? 0 : list.length();
            if (len == 0) {
                continue;
            }
            float vote = idf[w] * idf[w] / occurrences(sortedWords, w);
            int pa = probe.angles()[t] & 0xff;
            int psig = probe.signatures()[t];
            int[] ids = list.ids();
            int[] sigs = list.signatures();
            for (int i = 0; i < len; i++) {
                if (Integer.bitCount(psig ^ sigs[i]) > ShortlistIndex.MAX_HAMMING) {
                    continue;
                }
                int bin = ((pa - ids[i]) & 0xff) >> 5;
                hist[PostingList.photoOf(ids[i]) * BINS + bin] += vote;
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
    }

    /** How often {@code w} occurs in a sorted word list. */
    static int occurrences(int[] sorted, int w) {
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
}
