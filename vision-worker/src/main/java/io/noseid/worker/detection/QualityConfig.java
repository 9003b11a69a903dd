package io.noseid.worker.detection;

import io.smallrye.config.WithDefault;

/**
 * When a detected nose is good enough for the matcher, configured under {@code noseid.worker.quality} (part of the
 * worker's {@code WorkerConfig}; tests read the same defaults through {@link QualitySettings#defaults()}).
 * <p>
 * Sharpness 80: on the train split's noses of at least 40 px, 95 % measure 147 or more as photographed, while every
 * one of them blurred with a 2 px Gaussian (a clearly out-of-focus photo) measures 64 or less; a 1 px blur lands
 * around 85, on the edge. Minimum side 64 px: below that the bead pattern of a nose (beads of 1-2 mm on a 30-40 mm
 * nose) is less than a couple of pixels per bead; the dataset's thumbnails (noses of 8-43 px, median 31) are all
 * below it, a phone held 10-20 cm from the nose gives several hundred pixels. See tools/nose-detector/MODEL_CARD.md.
 */
public interface QualityConfig {

    /** Smallest accepted nose box side, in pixels of the decoded photo. */
    @WithDefault("64")
    int minNoseSidePx();

    /**
     * Smallest accepted variance of the Laplacian of the grey nose box, shrunk so that its longer side is at most
     * {@link #sharpnessSize()} pixels.
     */
    @WithDefault("80.0")
    double minSharpness();

    /**
     * Longest side, in pixels, the nose box is shrunk to before its sharpness is measured (never enlarged): a large
     * close-up and a just-large-enough nose are measured at a comparable scale. {@link #minSharpness()} was
     * calibrated at 128.
     */
    @WithDefault("128")
    int sharpnessSize();

    /**
     * Smallest accepted mean luminance (0..255) of the nose box, refused as {@code TOO_DARK}; 0 turns the check off,
     * the default: on rendered owner close-ups (./noseid eval quality) a dark nose box did not predict a failed match
     * (match rate 0.27 for the darkest 10 % against 0.33 for the rest), so refusing dark photos would only cost
     * retakes. Operators whose cameras do produce unmatchable dark photos can set it.
     */
    @WithDefault("0")
    double minLuminance();

    /** Margin added on every side of the box for the matcher's crop, as a fraction of the box side. */
    @WithDefault("0.15")
    double cropMargin();
}
