package io.noseid.worker.matcher;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ShortlistIndexTest {

    private static IndexPhoto vec(int... words) {
        int n = words.length;
        return new IndexPhoto(words, new byte[n], new byte[n], new byte[n], new byte[n], new int[n]);
    }

    private static float[] flatIdf() {
        float[] idf = new float[100];
        java.util.Arrays.fill(idf, 1f);
        return idf;
    }

    private static ShortlistIndex index(int rerankPhotos) {
        MatcherSettings s = MatcherSettings.of(Map.of("shortlist.rerank-photos", String.valueOf(rerankPhotos)));
        return new ShortlistIndex(flatIdf(), 10, new GeometricVerifier(s), s);
    }

    @Test
    void spatialRerankPrefersConsistentPositionsOverMoreSharedWords() {
        ShortlistIndex index = index(100);
        UUID consistent = new UUID(3, 1);
        UUID crowded = new UUID(3, 2);
        int n = 12;
        int[] words = new int[n];
        byte[] xs = new byte[n];
        byte[] ys = new byte[n];
        byte[] shuffledX = new byte[n];
        for (int i = 0; i < n; i++) {
            words[i] = i;
            xs[i] = (byte) (10 + (i % 4) * 30);
            ys[i] = (byte) (10 + (i / 4) * 30);
            shuffledX[i] = (byte) (10 + ((i * 7) % 12) * 10);
        }
        // The consistent photo shares 8 words in the same layout, the crowded one all 12 scattered at random.
        int[] eight = Arrays.copyOf(words, 8);
        ShortlistIndex votesOnly = index(0);
        for (ShortlistIndex ix : List.of(index, votesOnly)) {
            ix.put(consistent, List.of(new IndexPhoto(eight, new byte[8], new byte[8], Arrays.copyOf(xs, 8),
                    Arrays.copyOf(ys, 8), new int[8])), null);
            ix.put(crowded, List.of(new IndexPhoto(words, new byte[n], new byte[n], shuffledX, xs, new int[n])), null);
        }
        IndexPhoto probe = new IndexPhoto(words, new byte[n], new byte[n], xs, ys, new int[n]);
        assertEquals(crowded, votesOnly.shortlist(List.of(probe), List.of(), 2, 0, 0).getFirst().dogId(),
                "by votes alone the photo sharing more words wins");
        assertEquals(consistent, index.shortlist(List.of(probe), List.of(), 2, 0, 0).getFirst().dogId(),
                "the spatial re-rank prefers the consistent layout");
    }

    @Test
    void votesOnlyCountWhenTheyAgreeOnRotation() {
        ShortlistIndex index = index(0);
        UUID same = new UUID(2, 1);
        UUID scattered = new UUID(2, 2);
        int[] words = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] rotated = new byte[8];
        byte[] random = new byte[8];
        for (int i = 0; i < 8; i++) {
            rotated[i] = (byte) 40; // every keypoint turned by the same angle
            random[i] = (byte) (i * 32); // orientations disagree
        }
        index.put(same, List.of(new IndexPhoto(words, rotated, new byte[8], new byte[8], new byte[8], new int[8])), null);
        index.put(scattered, List.of(new IndexPhoto(words, random, new byte[8], new byte[8], new byte[8], new int[8])), null);
        List<ScoredDog> top = index.shortlist(List.of(new IndexPhoto(words, new byte[8], new byte[8], new byte[8], new byte[8], new int[8])), List.of(), 2, 0, 0);
        assertEquals(same, top.getFirst().dogId());
        assertEquals(1.0, top.getFirst().score(), 1e-4);
        assertEquals(0.25, top.get(1).score(), 1e-4, "only the votes of a 90-degree window count");
    }

    @Test
    void orientationBinsAndHammingDistanceAreSettings() {
        int[] words = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] random = new byte[8];
        int[] farSignatures = new int[8];
        for (int i = 0; i < 8; i++) {
            random[i] = (byte) (i * 32);
            farSignatures[i] = (1 << 13) - 1; // 13 bits away from the probe's signatures
        }
        IndexPhoto probe = new IndexPhoto(words, new byte[8], new byte[8], new byte[8], new byte[8], new int[8]);
        UUID dog = new UUID(4, 1);
        // Four bins of 90 degrees: a window of two holds half of the scattered votes (a quarter with eight bins).
        MatcherSettings fourBins = MatcherSettings.of(Map.of("shortlist.rerank-photos", "0",
                "shortlist.orientation-bins", "4"));
        ShortlistIndex coarse = new ShortlistIndex(flatIdf(), 10, new GeometricVerifier(fourBins), fourBins);
        coarse.put(dog, List.of(new IndexPhoto(words, random, new byte[8], new byte[8], new byte[8], new int[8])), null);
        assertEquals(0.5, coarse.shortlist(List.of(probe), List.of(), 1, 0, 0).getFirst().score(), 1e-4);
        // Signatures 13 bits apart count only once the distance allows 13.
        MatcherSettings wide = MatcherSettings.of(Map.of("shortlist.rerank-photos", "0",
                "shortlist.max-hamming-distance", "13"));
        ShortlistIndex tolerant = new ShortlistIndex(flatIdf(), 10, new GeometricVerifier(wide), wide);
        ShortlistIndex strict = index(0);
        for (ShortlistIndex ix : List.of(tolerant, strict)) {
            ix.put(dog, List.of(new IndexPhoto(words, new byte[8], new byte[8], new byte[8], new byte[8],
                    farSignatures)), null);
        }
        assertEquals(1.0, tolerant.shortlist(List.of(probe), List.of(), 1, 0, 0).getFirst().score(), 1e-4);
        assertEquals(0.0, strict.shortlist(List.of(probe), List.of(), 1, 0, 0).getFirst().score(), 1e-4);
    }

    @Test
    void ranksByBestPhotoAndSurvivesRemovalAndCompaction() {
        ShortlistIndex index = index(0);
        UUID[] ids = new UUID[3000];
        for (int d = 0; d < ids.length; d++) {
            ids[d] = new UUID(1, d);
            index.put(ids[d], List.of(vec(d % 50, 50 + d % 40), vec(90 + d % 7)), null);
        }
        List<ScoredDog> top = index.shortlist(List.of(vec(3, 53)), List.of(), 5, 0, 0);
        assertEquals(5, top.size());
        assertEquals(1.0, top.getFirst().score(), 1e-3);
        // Remove most dogs: compaction renumbers photos; the survivors must still be found.
        for (int d = 0; d < 2900; d++) {
            index.remove(ids[d]);
        }
        assertEquals(100, index.size());
        List<ScoredDog> after = index.shortlist(List.of(vec(2950 % 50, 50 + 2950 % 40)), List.of(), 3, 0, 0);
        assertEquals(ids[2950], after.getFirst().dogId());
        assertFalse(index.contains(ids[0]));
        index.put(ids[2950], List.of(vec(7)), null);
        assertEquals(100, index.size(), "re-enrolment replaces");
        assertEquals(ids[2950], index.shortlist(List.of(vec(7)), List.of(), 1, 0, 0).getFirst().dogId());
    }
}
