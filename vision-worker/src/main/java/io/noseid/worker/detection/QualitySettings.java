package io.noseid.worker.detection;

/**
 * When a detected nose is good enough for the matcher.
 *
 * @param minNoseSidePx smallest accepted nose box side, in pixels of the decoded photo
 * @param minSharpness  smallest accepted variance of the Laplacian of the grey nose box, shrunk so that its
 *                      longer side is at most {@link NoseQualityGate#SHARPNESS_SIZE} pixels
 * @param cropMargin    margin added on every side of the box for the matcher's crop, as a fraction of the box side
 */
public record QualitySettings(int minNoseSidePx, double minSharpness, double cropMargin) {

    public QualitySettings {
        if (minNoseSidePx < 1 || minSharpness < 0 || cropMargin < 0) {
            throw new IllegalArgumentException("invalid quality settings");
        }
    }

    /** Values measured on the val part of dog-nose-boxes: see tools/nose-detector/MODEL_CARD.md. */
    public static QualitySettings defaults() {
        return new QualitySettings(48, 60.0, 0.15);
    }
}
