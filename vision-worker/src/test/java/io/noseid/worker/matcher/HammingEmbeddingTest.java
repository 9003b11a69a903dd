package io.noseid.worker.matcher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HammingEmbeddingTest {

    @Test
    void directionsAreOrthonormalAndFixedBySeed() {
        float[] d = HammingEmbedding.orthonormalDirections(HammingEmbedding.BITS, Vocabulary.DIM, 5);
        for (int a = 0; a < HammingEmbedding.BITS; a++) {
            for (int b = 0; b <= a; b++) {
                double dot = 0;
                for (int j = 0; j < Vocabulary.DIM; j++) {
                    dot += d[a * Vocabulary.DIM + j] * d[b * Vocabulary.DIM + j];
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-5, "rows " + a + ", " + b);
            }
        }
        assertArrayEquals(d, HammingEmbedding.orthonormalDirections(HammingEmbedding.BITS, Vocabulary.DIM, 5));
    }

    @Test
    void everyWorkerComputesTheSameSignatures() {
        NoseTemplate t = TestTemplates.template(3, 0);
        Vocabulary v = TestTemplates.extractor().vocabulary();
        assertArrayEquals(new HammingEmbedding(v).signatures(t), new HammingEmbedding(v).signatures(t));
    }

    /**
     * Keypoints sharing a word are accepted by the index only within {@link MatcherSettings#maxHammingDistance()} bits: the
     * accepted pairs must be far more often near neighbours (close descriptors) than the refused ones.
     */
    @Test
    void closeDescriptorsInAWordHaveCloseSignatures() {
        HammingEmbedding he = new HammingEmbedding(TestTemplates.extractor().vocabulary());
        double[] acceptedDistance = {0, 0};
        double[] refusedDistance = {0, 0};
        int[] counts = new int[2];
        int maxHamming = MatcherSettings.defaults().maxHammingDistance();
        for (int dog = 0; dog < 3; dog++) {
            List<NoseTemplate> photos = TestTemplates.templates(dog, 0, 2);
            NoseTemplate a = photos.get(0);
            NoseTemplate b = photos.get(1);
            int[] sa = he.signatures(a);
            int[] sb = he.signatures(b);
            float[] da = a.descriptorFloats();
            float[] db = b.descriptorFloats();
            for (int i = 0; i < a.keypointCount(); i++) {
                for (int j = 0; j < b.keypointCount(); j++) {
                    if (a.words()[i] != b.words()[j]) {
                        continue;
                    }
                    double dist = 0;
                    for (int k = 0; k < Vocabulary.DIM; k++) {
                        double x = da[i * Vocabulary.DIM + k] - db[j * Vocabulary.DIM + k];
                        dist += x * x;
                    }
                    int accepted = Integer.bitCount(sa[i] ^ sb[j]) <= maxHamming ? 0 : 1;
                    counts[accepted]++;
                    (accepted == 0 ? acceptedDistance : refusedDistance)[0] += Math.sqrt(dist);
                }
            }
        }
        assertTrue(counts[0] > 20 && counts[1] > 20, "pairs accepted / refused: " + counts[0] + " / " + counts[1]);
        double accepted = acceptedDistance[0] / counts[0];
        double refused = refusedDistance[0] / counts[1];
        System.out.printf("same-word pairs: %d accepted (mean descriptor distance %.3f), %d refused (%.3f)%n",
                counts[0], accepted, counts[1], refused);
        assertTrue(accepted < 0.8 * refused, "accepted " + accepted + " vs refused " + refused);
    }
}
