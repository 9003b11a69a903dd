package io.noseid.worker.matcher.synthetic;

import org.opencv.core.Mat;

/**
 * A deterministic source of synthetic nose photos: a dog's pattern is rendered once, then any of its photos. The
 * evaluation and calibration commands pick a version by name ({@link #of}); {@link SyntheticNoseGenerator} (v1) is
 * wrapped unchanged, so its photos stay byte for byte what they were.
 */
public interface NoseGenerator {

    /** Version and seed (and any non-default parameter), as printed with every figure. */
    String name();

    SyntheticNoseGenerator.DogPattern dog(int index);

    /** Photo {@code photo} of a dog: an 8-bit BGR nose crop. */
    Mat photo(SyntheticNoseGenerator.DogPattern dog, int photo);

    /** {@code v1} or {@code v2}; {@code params} (v2 only) is {@code key=value[,key=value]} or empty. */
    static NoseGenerator of(String version, long seed, String params) {
        return switch (version) {
            case "v1" -> {
                if (params != null && !params.isBlank()) {
                    throw new IllegalArgumentException("generator v1 has no parameters");
                }
                yield v1(seed);
            }
            case "v2" -> new SyntheticNoseGeneratorV2(seed, NoseParamsV2.parse(params));
            default -> throw new IllegalArgumentException("unknown generator " + version + " (v1 or v2)");
        };
    }

    static NoseGenerator v1(long seed) {
        SyntheticNoseGenerator g = new SyntheticNoseGenerator(seed);
        return new NoseGenerator() {
            @Override
            public String name() {
                return "v1 seed " + seed;
            }

            @Override
            public SyntheticNoseGenerator.DogPattern dog(int index) {
                return g.dog(index);
            }

            @Override
            public Mat photo(SyntheticNoseGenerator.DogPattern dog, int photo) {
                return g.photo(dog, photo);
            }
        };
    }
}
