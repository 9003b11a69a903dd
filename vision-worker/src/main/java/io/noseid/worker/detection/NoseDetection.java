package io.noseid.worker.detection;

/** A nose box in pixels of the decoded (orientation-corrected) image, with the detector's confidence. */
public record NoseDetection(int x, int y, int width, int height, double confidence) {

    public NoseDetection withConfidence(double c) {
        return new NoseDetection(x, y, width, height, c);
    }

    public int minSide() {
        return Math.min(width, height);
    }
}
