package io.noseid.worker.matcher;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ShortlistIndexTest {

    private static BowVector vec(int... words) {
        float[] v = new float[words.length];
        java.util.Arrays.fill(v, (float) (1 / Math.sqrt(words.length)));
        return new BowVector(words, v);
    }

    @Test
    void ranksByBestPhotoAndSurvivesRemovalAndCompaction() {
        ShortlistIndex index = new ShortlistIndex(100, 10);
        UUID[] ids = new UUID[3000];
        for (int d = 0; d < ids.length; d++) {
            ids[d] = new UUID(1, d);
            index.put(ids[d], List.of(vec(d % 50, 50 + d % 40), vec(90 + d % 7)), null);
        }
        List<ScoredDog> top = index.shortlist(List.of(vec(3, 53)), List.of(), 5, 0);
        assertEquals(5, top.size());
        assertEquals(1.0, top.getFirst().score(), 1e-3);
        // Remove most dogs: compaction renumbers photos; the survivors must still be found.
        for (int d = 0; d < 2900; d++) {
            index.remove(ids[d]);
        }
        assertEquals(100, index.size());
        List<ScoredDog> after = index.shortlist(List.of(vec(2950 % 50, 50 + 2950 % 40)), List.of(), 3, 0);
        assertEquals(ids[2950], after.getFirst().dogId());
        assertFalse(index.contains(ids[0]));
        index.put(ids[2950], List.of(vec(7)), null);
        assertEquals(100, index.size(), "re-enrolment replaces");
        assertEquals(ids[2950], index.shortlist(List.of(vec(7)), List.of(), 1, 0).getFirst().dogId());
    }
}
