package io.noseid.worker.detection;

import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * When a detected nose is good enough for the matcher, as one immutable value built from the
 * {@code noseid.worker.quality} configuration ({@link QualityConfig}, which holds the defaults and their reasons).
 *
 * @param minNoseSidePx smallest accepted nose box side, in pixels of the decoded photo
 * @param minSharpness  smallest accepted variance of the Laplacian of the grey nose box, shrunk so that its
 *                      longer side is at most {@code sharpnessSize} pixels
 * @param cropMargin    margin added on every side of the box for the matcher's crop, as a fraction of the box side
 * @param sharpnessSize longest side the nose box is shrunk to before its sharpness is measured
 * @param minLuminance  smallest accepted mean luminance (0..255) of the nose box; 0 = not checked
 */
public record QualitySettings(int minNoseSidePx, double minSharpness, double cropMargin, int sharpnessSize,
                              double minLuminance) {

    /** Configuration prefix of the quality gate's keys. */
    public static final String PREFIX = "noseid.worker.quality";

    public QualitySettings {
        if (minNoseSidePx < 1 || minSharpness < 0 || cropMargin < 0 || sharpnessSize < 3 || minLuminance < 0) {
            throw new IllegalArgumentException("invalid quality settings");
        }
    }

    public static QualitySettings from(QualityConfig config) {
        return new QualitySettings(config.minNoseSidePx(), config.minSharpness(), config.cropMargin(),
                config.sharpnessSize(), config.minLuminance());
    }

    /** The mapping's defaults ({@link QualityConfig}), for tools and tests. */
    public static QualitySettings defaults() {
        return from(new SmallRyeConfigBuilder().withMapping(QualityConfig.class, PREFIX).build()
                .getConfigMapping(QualityConfig.class, PREFIX));
    }
}
