package io.noseid.worker.gallery;

import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.IndexPhoto;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.Vocabulary;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TemplateCodecTest {

    private final SplittableRandom random = new SplittableRandom(3);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt();
        }
        return b;
    }

    private IndexPhoto photo(int n) {
        int[] words = random.ints(n, 0, 0x10000).toArray();
        return new IndexPhoto(words, bytes(n), bytes(n), bytes(n), bytes(n), random.ints(n).toArray());
    }

    @Test
    void indexPhotosAndModelsDecodeToWhatWasEncoded() {
        List<IndexPhoto> photos = List.of(photo(300), photo(0), photo(17));
        List<IndexPhoto> decoded = TemplateCodec.decodeIndexPhotos(TemplateCodec.encodeIndexPhotos(photos));
        assertEquals(photos.size(), decoded.size());
        for (int i = 0; i < photos.size(); i++) {
            assertArrayEquals(photos.get(i).words(), decoded.get(i).words());
            assertArrayEquals(photos.get(i).angles(), decoded.get(i).angles());
            assertArrayEquals(photos.get(i).scales(), decoded.get(i).scales());
            assertArrayEquals(photos.get(i).xs(), decoded.get(i).xs());
            assertArrayEquals(photos.get(i).ys(), decoded.get(i).ys());
            assertArrayEquals(photos.get(i).signatures(), decoded.get(i).signatures());
        }
        float[] w = new float[1000];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        w[3] = Float.NaN;
        w[4] = -0f;
        DogModel m = TemplateCodec.decodeModel(TemplateCodec.encodeModel(new DogModel(w, -1.25f)));
        assertArrayEquals(w, m.weights());
        assertEquals(-1.25f, m.bias());
    }

    @Test
    void signaturesOfAnotherEmbeddingVersionAreDropped() {
        byte[] b = TemplateCodec.encodeIndexPhotos(List.of(photo(5)));
        b[1]++;
        assertNull(TemplateCodec.decodeIndexPhotos(b).getFirst().signatures());
    }

    @Test
    void templatesDecodeToWhatWasEncoded() {
        int n = 40;
        float[] kp = new float[n * 4];
        for (int i = 0; i < kp.length; i++) {
            kp[i] = (float) random.nextDouble(-10, 500);
        }
        NoseTemplate t = new NoseTemplate("synth-vt10x4-v1", kp, bytes(n * Vocabulary.DIM),
                random.ints(n, 0, 10000).toArray());
        NoseTemplate d = TemplateCodec.decodeTemplate(TemplateCodec.encodeTemplate(t));
        assertEquals(t.vocabularyVersion(), d.vocabularyVersion());
        assertArrayEquals(t.keypoints(), d.keypoints());
        assertArrayEquals(t.descriptors(), d.descriptors());
        assertArrayEquals(t.words(), d.words());

        // Templates stored with the old bag-of-words section (2 entries of 8 bytes) still decode.
        byte[] encoded = TemplateCodec.encodeTemplate(t);
        byte[] withBow = Arrays.copyOf(encoded, encoded.length + 16);
        withBow[encoded.length - 1] = 2;
        assertArrayEquals(t.words(), TemplateCodec.decodeTemplate(withBow).words());
        assertThrows(UncheckedIOException.class,
                () -> TemplateCodec.decodeTemplate(Arrays.copyOf(withBow, withBow.length - 1)));
    }

    @Test
    void akazeFeaturesDecodeToWhatWasEncodedAndTemplatesWithoutThemKeepFormatOne() {
        int n = 30;
        int a = 50;
        float[] kp = new float[n * 4];
        float[] points = new float[a * 2];
        for (int i = 0; i < points.length; i++) {
            points[i] = (float) random.nextDouble(0, 320);
        }
        NoseTemplate t = new NoseTemplate("synth-vt10x4-v1", kp, bytes(n * Vocabulary.DIM),
                random.ints(n, 0, 10000).toArray(), points, bytes(a * NoseTemplate.AKAZE_BYTES));
        byte[] encoded = TemplateCodec.encodeTemplate(t);
        assertEquals(2, encoded[0], "format 2 carries AKAZE features");
        NoseTemplate d = TemplateCodec.decodeTemplate(encoded);
        assertArrayEquals(t.words(), d.words());
        assertArrayEquals(t.akazePoints(), d.akazePoints());
        assertArrayEquals(t.akazeDescriptors(), d.akazeDescriptors());
        assertThrows(UncheckedIOException.class,
                () -> TemplateCodec.decodeTemplate(Arrays.copyOf(encoded, encoded.length - 1)));

        NoseTemplate siftOnly = new NoseTemplate(t.vocabularyVersion(), kp, t.descriptors(), t.words());
        byte[] old = TemplateCodec.encodeTemplate(siftOnly);
        assertEquals(1, old[0], "without AKAZE the format workers before it read");
        assertEquals(0, TemplateCodec.decodeTemplate(old).akazeCount());
    }

    @Test
    void truncatedBytesFailAsIoErrors() {
        byte[] photos = TemplateCodec.encodeIndexPhotos(List.of(photo(30)));
        byte[] model = TemplateCodec.encodeModel(new DogModel(new float[10], 0f));
        assertThrows(UncheckedIOException.class,
                () -> TemplateCodec.decodeIndexPhotos(Arrays.copyOf(photos, photos.length - 1)));
        assertThrows(UncheckedIOException.class,
                () -> TemplateCodec.decodeModel(Arrays.copyOf(model, model.length - 1)));
    }
}
