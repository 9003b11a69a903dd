package io.noseid.worker.matcher;

import java.util.Arrays;

/**
 * Pass 1 of the shortlist, weak geometric consistency: each probe keypoint votes idf^2 (shared among repeats of its
 * word in the probe: burstiness) for every posting of its word whose signature is within
 * {@link MatcherSettings#maxHammingDistance()} bits of its own, into the photo's bin of orientation difference
 * ({@link MatcherSettings#orientationBins()} bins); a photo scores its best window of two adjacent bins (90 degrees
 * with 8 bins), normalised like a tf-idf cosine. Votes of true matches share one rotation, chance votes spread over
 * all bins.
 */
final class ProbeVotes {

    private final float[] idf;
    private final int maxHamming;
    /** Orientation-difference bins per photo, a power of two: orientations are 256 steps per turn. */
    private final int bins;
    /** Turns an orientation difference (0..255) into its bin. */
    private final int binShift;
    private final ThreadLocal<float[]> histograms = ThreadLocal.withInitial(() -> new float[0]);

    ProbeVotes(float[] idf, int maxHamming, int bins) {
        if (bins < 2 || bins > 256 || Integer.bitCount(bins) != 1) {
            throw new IllegalArgumentException("orientation bins must be a power of two from 2 to 256: " + bins);
        }
        this.idf = idf;
        this.maxHamming = maxHamming;
        this.bins = bins;
        this.binShift = 8 - Integer.numberOfTrailingZeros(bins);
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
        if (hist.length < photoCount * bins) {
            hist = new float[photoCount * bins + bins * 1024];
            histograms.set(hist);
        }
        Arrays.fill(hist, 0, photoCount * bins, 0f);
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
                if (Integer.bitCount(psig ^ sigs[i]) > maxHamming) {
                    continue;
                }
                int bin = ((pa - ids[i]) & 0xff) >> binShift;
                hist[PostingList.photoOf(ids[i]) * bins + bin] += vote;
            }
        }
        for (int id = 0; id < photoCount; id++) {
            int o = id * bins;
            float best = 0;
            for (int b = 0; b < bins; b++) {
                float x = hist[o + b] + hist[o + ((b + 1) & (bins - 1))];
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
