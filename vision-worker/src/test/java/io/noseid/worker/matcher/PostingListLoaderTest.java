package io.noseid.worker.matcher;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PostingListLoaderTest {

    private static final int WORDS = 50;

    private static List<IndexPhoto> randomPhotos(SplittableRandom r) {
        List<IndexPhoto> photos = new ArrayList<>();
        for (int p = 0; p < 1 + r.nextInt(5); p++) {
            int n = 20 + r.nextInt(60);
            int[] words = new int[n];
            byte[] a = new byte[n];
            byte[] s = new byte[n];
            byte[] x = new byte[n];
            byte[] y = new byte[n];
            int[] sig = new int[n];
            for (int k = 0; k < n; k++) {
                // Skewed towards low words, so some lists span many blocks and others stay in their first.
                words[k] = Math.min(r.nextInt(WORDS), r.nextInt(WORDS));
                a[k] = (byte) r.nextInt();
                s[k] = (byte) r.nextInt();
                x[k] = (byte) r.nextInt();
                y[k] = (byte) r.nextInt();
                sig[k] = r.nextInt();
            }
            photos.add(new IndexPhoto(words, a, s, x, y, sig));
        }
        return photos;
    }

    private static ShortlistIndex index() {
        MatcherSettings s = MatcherSettings.of(Map.of());
        float[] idf = new float[WORDS];
        for (int w = 0; w < WORDS; w++) {
            idf[w] = w % 7 == 3 ? 0f : 1f + w / 10f; // words without weight are not indexed
        }
        return new ShortlistIndex(idf, 10, new GeometricVerifier(s), s);
    }

    private static PostingList[] postings(ShortlistIndex index) throws ReflectiveOperationException {
        Field f = ShortlistIndex.class.getDeclaredField("postings");
        f.setAccessible(true);
        return (PostingList[]) f.get(index);
    }

    @Test
    void bulkLoadBuildsTheListsAndShortlistOfOneByOnePuts() throws ReflectiveOperationException {
        SplittableRandom r = new SplittableRandom(5);
        List<List<IndexPhoto>> dogs = new ArrayList<>();
        for (int d = 0; d < 400; d++) {
            dogs.add(randomPhotos(r));
        }
        ShortlistIndex oneByOne = index();
        ShortlistIndex bulk = index();
        bulk.startBulkLoad();
        for (int d = 0; d < dogs.size(); d++) {
            oneByOne.put(new UUID(1, d), dogs.get(d), null);
            bulk.put(new UUID(1, d), dogs.get(d), null);
        }
        assertThrows(IllegalStateException.class, () -> bulk.shortlist(dogs.getFirst(), List.of(), 5, 0, 0));
        bulk.finishBulkLoad();
        oneByOne.trimToSize();

        PostingList[] expected = postings(oneByOne);
        PostingList[] actual = postings(bulk);
        for (int w = 0; w < WORDS; w++) {
            if (expected[w] == null) {
                assertNull(actual[w], "word " + w);
                continue;
            }
            assertEquals(expected[w].length(), actual[w].length(), "word " + w);
            assertArrayEquals(expected[w].ids(), actual[w].ids(), "word " + w);
            assertArrayEquals(expected[w].scales(), actual[w].scales(), "word " + w);
            assertArrayEquals(expected[w].xs(), actual[w].xs(), "word " + w);
            assertArrayEquals(expected[w].ys(), actual[w].ys(), "word " + w);
            assertArrayEquals(expected[w].signatures(), actual[w].signatures(), "word " + w);
        }
        for (int q = 0; q < 20; q++) {
            List<IndexPhoto> probe = dogs.get(q * 13).subList(0, 1);
            assertEquals(oneByOne.shortlist(probe, List.of(), 10, 0, 0.5), bulk.shortlist(probe, List.of(), 10, 0, 0.5));
        }
    }

    @Test
    void aDogReplacedWhileLoadingEndsTheBulkLoadAndStaysCorrect() {
        SplittableRandom r = new SplittableRandom(9);
        ShortlistIndex oneByOne = index();
        ShortlistIndex bulk = index();
        bulk.startBulkLoad();
        List<List<IndexPhoto>> dogs = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            dogs.add(randomPhotos(r));
        }
        for (ShortlistIndex ix : List.of(oneByOne, bulk)) {
            for (int d = 0; d < 50; d++) {
                ix.put(new UUID(2, d), dogs.get(d), null);
            }
            ix.put(new UUID(2, 7), dogs.get(55), null);
            for (int d = 50; d < 60; d++) {
                ix.put(new UUID(2, d), dogs.get(d), null);
            }
        }
        bulk.finishBulkLoad();
        for (int q = 0; q < 60; q += 5) {
            List<IndexPhoto> probe = dogs.get(q);
            assertEquals(oneByOne.shortlist(probe, List.of(), 10, 0, 0), bulk.shortlist(probe, List.of(), 10, 0, 0));
        }
    }
}
