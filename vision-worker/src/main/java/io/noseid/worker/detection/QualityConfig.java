package io.noseid.worker.detection;

import io.smallrye.config.WithDefault;

/**
 * When a detected nose is good enough for the matcher, configured under {@code noseid.worker.quality} (part of the
 * worker's {@code WorkerConfig}; tests read the same defaults through {@link QualitySettings#defaults()}).
 * <p>
 * Thresholds chosen by where matching fails (issue 12 item 4; {@code ./noseid eval quality}: rendered owner close-ups
 * of generator v2's tuning seeds 1000 and 1001, 300 genuine probes each, matched against 5 enrolled close-ups of
 * their dog; a probe is matchable when it beats every impostor's inlier count: 0.47 / 0.50 of them). Rule: the
 * highest threshold that refuses at most 10 % of the probes while those it refuses are matchable at most half as
 * often as those it keeps, on both seeds. Sharpness (of the box shrunk to 128 px) hardly predicted failure, as on
 * real close-ups (matcher-findings): the blurriest 2 % matched 0.67 / 0.33 of the time and the blurriest 5 % 0.40 /
 * 0.40, against 0.48 / 0.51 for the rest; sharpness at the matcher's working size did no better. No threshold in the
 * measured range qualifies, so minimum sharpness 15 refuses only frames blurrier than any rendered owner close-up
 * (the blurriest measured 25.8 / 14.1): heavy defocus (was 80, chosen on face crops, which refused 10-15 % of the
 * close-ups for nothing). Darkness: the darkest 2 % matched 0.33 / 0.17, the darkest 5 % 0.40 / 0.27; it qualifies
 * on one seed only, so {@link #minLuminance()} stays off. Minimum side 64 px: below that the bead pattern of a nose
 * (beads of 1-2 mm on a 30-40 mm nose) is less than a couple of pixels per bead; rendered owner close-ups never came
 * near it. See tools/nose-detector/MODEL_CARD.md ("Quality gate").
 */
public interface QualityConfig {

    /** Smallest accepted nose box side, in pixels of the decoded photo. */
    @WithDefault("64")
    int minNoseSidePx();

    /**
     * Smallest accepted variance of the Laplacian of the grey nose box, shrunk so that its longer side is at most
     * {@link #sharpnessSize()} pixels.
     */
    @WithDefault("15.0")
    double minSharpness();

    /**
     * Longest side, in pixels, the nose box is shrunk to before its sharpness is measured (never enlarged): a large
     * close-up and a just-large-enough nose are measured at a comparable scale. {@link #minSharpness()} was
     * calibrated at 128.
     */
    @WithDefault("128")
    int sharpnessSize();

    /**
     * Smallest accepted mean luminance (0..255) of the nose box, refused as {@code TOO_DARK} (checked before
     * sharpness: a dark photo also lacks contrast, and light is what the owner can fix); 0 turns the check off, the
     * default: darkness predicted failed matches on one tuning seed only (see above), and real close-ups have a mean
     * luminance of p10 49 / p50 70, so a threshold would refuse real photos whose match rate nobody has measured.
     */
    @WithDefault("0")
    double minLuminance();

    /** Margin added on every side of the box for the matcher's crop, as a fraction of the box side. */
    @WithDefault("0.15")
    double cropMargin();
}
