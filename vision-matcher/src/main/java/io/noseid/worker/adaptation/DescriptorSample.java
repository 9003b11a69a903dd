package io.noseid.worker.adaptation;

import io.noseid.worker.matcher.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A uniform sample of a fixed number of descriptors from a stream of photos too large to hold (reservoir sampling,
 * Vitter's algorithm R): every descriptor of the gallery has the same chance to shape the vocabulary.
 */
final class DescriptorSample {

    private final int capacity;
    private final Random random;
    private final List<float[]> kept = new ArrayList<>();
    private long seen;

    DescriptorSample(int capacity, long seed) {
        this.capacity = capacity;
        this.random = new Random(seed);
    }

    /** The descriptors of one photo, {@link Vocabulary#DIM} floats each. */
    void add(float[] descriptors) {
        for (int o = 0; o + Vocabulary.DIM <= descriptors.length; o += Vocabulary.DIM) {
            seen++;
            if (kept.size() < capacity) {
                kept.add(Arrays.copyOfRange(descriptors, o, o + Vocabulary.DIM));
            } else {
                long slot = (long) (random.nextDouble() * seen);
                if (slot < capacity) {
                    kept.set((int) slot, Arrays.copyOfRange(descriptors, o, o + Vocabulary.DIM));
                }
            }
        }
    }

    long seen() {
        return seen;
    }

    List<float[]> descriptors() {
        return kept;
    }
}
