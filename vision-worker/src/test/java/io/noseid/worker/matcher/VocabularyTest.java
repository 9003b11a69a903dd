package io.noseid.worker.matcher;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

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
        int[] leaves = new int[3];
        float[] dist = new float[3];
        for (int i = 0; i < t.keypointCount(); i++) {
            assertEquals(t.words()[i], v.quantize(d, i * 128));
            assertEquals(3, v.nearestLeaves(d, i * 128, 3, leaves, dist));
            assertTrue(dist[0] <= dist[1] && dist[1] <= dist[2]);
        }
        BowVector soft = v.softBow(d, 3, 0.02);
        double norm = 0;
        for (float x : soft.values()) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-4);
        assertTrue(soft.size() > t.bow().size(), "soft assignment spreads votes over more words");
        for (int w : t.words()) {
            assertTrue(java.util.Arrays.binarySearch(soft.indices(), w) >= 0 || v.idf()[w] == 0,
                    "the gallery's (greedy) word of every descriptor gets a vote");
        }
        assertTrue(soft.dot(t.bow()) > 0.5, "but mostly agrees with the hard vector");

        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        v.write(bos);
        Vocabulary back = Vocabulary.read(new ByteArrayInputStream(bos.toByteArray()));
        assertEquals(v.version(), back.version());
        for (int i = 0; i < t.keypointCount(); i++) {
            assertEquals(v.quantize(d, i * 128), back.quantize(d, i * 128));
        }
        assertArrayEquals(t.bow().indices(), back.bow(t.words()).indices());
    }
}
