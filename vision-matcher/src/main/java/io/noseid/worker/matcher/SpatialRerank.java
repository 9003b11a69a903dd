package io.noseid.worker.matcher;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Pass 2 of the shortlist, over the best {@code rerankPhotos} photos of pass 1: keypoints sharing a word (words seen
 * at most twice in the probe) are tentative correspondences, restricted to scale ratios within
 * {@link MatcherSettings#rerankMaxOctaves()} octaves either way (2 by default) and to signatures within
 * {@link MatcherSettings#maxHammingDistance()} bits, and a RANSAC similarity counts the consistent ones. A
 * photo then scores its inliers plus its first-pass score (a tie break below one inlier). This is the visual-word
 * spatial verification of the literature, done from the postings so that no template has to be fetched for it.
 * Photos outside the set score their first-pass score scaled below any re-ranked photo.
 */
final class SpatialRerank {

    private final GeometricVerifier verifier;
    /** Photos re-scored; 0 turns the pass off. */
    private final int rerankPhotos;
    /** RANSAC samples per photo: a true pair has a large inlier share, found in few samples. */
    private final int iterations;
    /** Largest scale difference of a correspondence, in the index's scale steps. */
    private final int maxScaleSteps;
    /** Correspondences only between keypoints whose signatures differ in at most this many bits. */
    private final int maxHamming;

    SpatialRerank(GeometricVerifier verifier, int rerankPhotos, int iterations, double maxOctaves, int maxHamming) {
        this.verifier = verifier;
        this.rerankPhotos = rerankPhotos;
        this.iterations = iterations;
        // Scale differences are whole steps: at most the floor of the window in steps.
        this.maxScaleSteps = (int) Math.floor(maxOctaves * IndexPhoto.SCALE_STEPS_PER_OCTAVE);
        this.maxHamming = maxHamming;
    }

    boolean enabled() {
        return rerankPhotos > 0;
    }

    /** Re-scores {@code photoScore} (one entry per photo id, {@code photoCount} of them) in place. */
    void rerank(IndexPhoto v, int[] sortedWords, PostingList[] postings, int photoCount, float[] photoScore) {
        int m = Math.min(rerankPhotos, photoCount);
        if (m == 0) {
            return;
        }
        int[] top = TopK.unordered(photoScore, m);
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
                PostingList list = postings[w];
                int len = list == null ? 0 : list.length();
                if (len == 0 || ProbeVotes.occurrences(sortedWords, w) > 2) {
                    continue;
                }
                int ps = v.scales()[t];
                int psig = v.signatures()[t];
                int[] ids = list.ids();
                byte[] sc = list.scales();
                int[] sigs = list.signatures();
                for (int i = 0; i < len; i++) {
                    // The signature and scale tests read the lists in order; the photo's slot is a random read into
                    // an array of every photo, so it comes last, for the few postings that pass.
                    if (Integer.bitCount(psig ^ sigs[i]) > maxHamming || Math.abs(ps - sc[i]) > maxScaleSteps) {
                        continue;
                    }
                    int s = slot[PostingList.photoOf(ids[i])];
                    if (s < 0) {
                        continue;
                    }
                    if (pass == 0) {
                        counts[s + 1]++;
                    } else {
                        int o = fill[s]++;
                        px[o] = IndexPhoto.position(v.xs()[t]);
                        py[o] = IndexPhoto.position(v.ys()[t]);
                        gx[o] = IndexPhoto.position(list.xs()[i]);
                        gy[o] = IndexPhoto.position(list.ys()[i]);
                    }
                }
            }
            if (pass == 1) {
                score(top, counts, px, py, gx, gy, photoCount, photoScore);
            }
        }
    }

    private void score(int[] top, int[] counts, float[] px, float[] py, float[] gx, float[] gy, int photoCount,
                       float[] photoScore) {
        float maxFirst = 0;
        for (float x : photoScore) {
            maxFirst = Math.max(maxFirst, x);
        }
        float scale = maxFirst > 0 ? 0.5f / maxFirst : 0f;
        BitSet refined = new BitSet(photoCount);
        for (int i = 0; i < top.length; i++) {
            int from = counts[i];
            int to = counts[i + 1];
            int inliers = to - from < 2 ? to - from : verifier.ransacSimilarity(
                    Arrays.copyOfRange(px, from, to), Arrays.copyOfRange(py, from, to),
                    Arrays.copyOfRange(gx, from, to), Arrays.copyOfRange(gy, from, to), iterations);
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
