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
}
