package io.noseid.worker.matcher;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VocabularyTest {

    @Test
    void defaultVocabularyQuantisesConsistentlyAndRoundTrips() throws Exception {
        Vocabulary v = Vocabulary.loadDefault();
        assertEquals("synth-vt10x4-v1", v.version());
        assertEquals(10_000, v.wordCount());
        NoseTemplate t = TestTemplates.template(7, 0);
        assertEquals(v.version(), t.vocabularyVersion());
        float[] d = t.descriptorFloats();
        for (int i = 0; i < t.keypointCount(); i++) {
            assertEquals(t.words()[i], v.quantize(d, i * 128));
        }
        IndexPhoto ip = IndexPhoto.of(t, new HammingEmbedding(v));
        assertArrayEquals(t.words(), ip.words());
        for (int i = 0; i < t.keypointCount(); i++) {
            float deg = t.keypoints()[i * 4 + 3];
            assertEquals((int) (deg / 360 * 256) & 0xff, ip.angles()[i] & 0xff, 1);
        }

        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        v.write(bos);
        Vocabulary back = Vocabulary.read(new ByteArrayInputStream(bos.toByteArray()));
        assertEquals(v.version(), back.version());
        for (int i = 0; i < t.keypointCount(); i++) {
            assertEquals(v.quantize(d, i * 128), back.quantize(d, i * 128));
        }
        assertArrayEquals(v.idf(), back.idf());
    }

    @Test
    void nearestWordsAreTheLeavesNearestTheDescriptorWithinTheRatio() {
        Vocabulary v = Vocabulary.loadDefault();
        NoseTemplate t = TestTemplates.template(7, 0);
        float[] d = t.descriptorFloats();
        float[] leaves = v.leafCentroids();
        int widened = 0;
        for (int i = 0; i < t.keypointCount(); i++) {
            assertArrayEquals(new int[] {v.quantize(d, i * 128)}, v.nearestWords(d, i * 128, 1, 1.2));
            int[] words = v.nearestWords(d, i * 128, 3, 1.2);
            assertTrue(words.length >= 1 && words.length <= 3);
            // The descriptor's own word first (the word its enrolled twin is indexed under), then the others.
            assertEquals(v.quantize(d, i * 128), words[0]);
            double nearest = distance(d, i * 128, leaves, words[0]);
            for (int k = 1; k < words.length; k++) {
                nearest = Math.min(nearest, distance(d, i * 128, leaves, words[k]));
                assertTrue(words[k] != words[0]);
            }
            for (int k = 2; k < words.length; k++) {
                double dk = distance(d, i * 128, leaves, words[k]);
                assertTrue(dk >= distance(d, i * 128, leaves, words[k - 1]) - 1e-6, "nearest first");
            }
            for (int k = 1; k < words.length; k++) {
                assertTrue(distance(d, i * 128, leaves, words[k]) <= 1.2 * nearest + 1e-6, "within the ratio");
            }
            widened += words.length - 1;
        }
        assertTrue(widened > 0, "some descriptors lie near a cell border");
        assertEquals(1, v.nearestWords(d, 0, 3, 1.0).length, "ratio 1 keeps only the nearest (ties aside)");
    }

    @Test
    void probesAreLookedUpUnderSeveralWordsWhileEnrolledPhotosKeepOne() {
        Vocabulary v = Vocabulary.loadDefault();
        Codebook codebook = new Codebook(v);
        NoseTemplate t = TestTemplates.template(7, 0);
        IndexPhoto own = codebook.indexPhotos(List.of(t)).getFirst();
        assertArrayEquals(own.words(), codebook.probeIndexPhotos(List.of(t),
                MatcherSettings.of(Map.of("shortlist.probe-words", "1"))).getFirst().words());
        IndexPhoto several = codebook.probeIndexPhotos(List.of(t),
                MatcherSettings.of(Map.of("shortlist.probe-words", "3"))).getFirst();
        int n = t.keypointCount();
        assertTrue(several.words().length > n && several.words().length <= 3 * n);
        for (int i = 0; i < n; i++) {
            assertEquals(own.words()[i], several.words()[i]);
            assertEquals(own.signatures()[i], several.signatures()[i]);
        }
        HammingEmbedding embedding = new HammingEmbedding(v);
        for (int m = n; m < several.words().length; m++) {
            // An extra entry repeats one keypoint's position under another word, with its signature in that word.
            int i = keypointAt(own, several, m);
            assertTrue(i >= 0);
            assertTrue(several.words()[m] != own.words()[i]);
            assertEquals(embedding.signature(t, i, several.words()[m], new float[128]), several.signatures()[m]);
        }
    }

    private static int keypointAt(IndexPhoto own, IndexPhoto several, int m) {
        for (int i = 0; i < own.words().length; i++) {
            if (own.xs()[i] == several.xs()[m] && own.ys()[i] == several.ys()[m]
                    && own.scales()[i] == several.scales()[m] && own.angles()[i] == several.angles()[m]) {
                return i;
            }
        }
        return -1;
    }

    private static double distance(float[] d, int offset, float[] centroids, int word) {
        double s = 0;
        for (int j = 0; j < 128; j++) {
            double t = d[offset + j] - centroids[word * 128 + j];
            s += t * t;
        }
        return Math.sqrt(s);
    }
}
