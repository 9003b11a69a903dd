package io.noseid.worker.detection;

/**
 * What the detector needs to run any YOLOv5-format TorchScript export ([1, N, 5 + classes], centre-x, centre-y,
 * width, height in input pixels, objectness, class scores): where the model is, the square input size it was
 * exported at, which class is the nose, and the thresholds.
 *
 * @param modelLocation       {@code classpath:models/...} or a file path
 * @param inputSize           the square size the model was traced at (letterbox target)
 * @param noseClassIndex      index of the nose class among the class scores
 * @param confidenceThreshold minimum objectness x class score for a nose to count
 * @param iouThreshold        non-maximum suppression overlap
 * @param secondLook          what decides a photo whose surest nose is below {@code confidenceThreshold}
 */
public record DetectorSettings(String modelLocation, int inputSize, int noseClassIndex, double confidenceThreshold,
                               double iouThreshold, SecondLook secondLook) {

    public static final String DEFAULT_MODEL = "classpath:models/nose-yolov5-320.torchscript";

    public DetectorSettings {
        if (modelLocation == null || modelLocation.isBlank()) {
            throw new IllegalArgumentException("modelLocation is required");
        }
        if (inputSize < 32 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("inputSize must be a positive multiple of 32, was " + inputSize);
        }
        if (noseClassIndex < 0) {
            throw new IllegalArgumentException("noseClassIndex must be >= 0, was " + noseClassIndex);
        }
        if (confidenceThreshold < 0 || confidenceThreshold > 1 || iouThreshold <= 0 || iouThreshold > 1) {
            throw new IllegalArgumentException("thresholds must be within 0..1");
        }
        if (secondLook == null) {
            throw new IllegalArgumentException("secondLook is required (SecondLook.OFF for none)");
        }
    }

    /** The least confidence the first look must report for a box to be considered at all. */
    public double firstLookFloor() {
        return secondLook.enabled() ? Math.min(confidenceThreshold, secondLook.firstLookFloor()) : confidenceThreshold;
    }

    /**
     * The shipped model; the confidence threshold and the second look were chosen on validation data (rendered seed
     * 7200 and the dog-nose-boxes photos of dogs unseen in training), never on the test set (MODEL_CARD.md).
     */
    public static DetectorSettings defaults() {
        return new DetectorSettings(DEFAULT_MODEL, 320, 0, 0.80, 0.45, new SecondLook(true, 0.6, 0.60));
    }

    public DetectorSettings withModel(String location, int size) {
        return new DetectorSettings(location, size, noseClassIndex, confidenceThreshold, iouThreshold, secondLook);
    }

    public DetectorSettings withConfidenceThreshold(double threshold) {
        return new DetectorSettings(modelLocation, inputSize, noseClassIndex, threshold, iouThreshold, secondLook);
    }

    public DetectorSettings withSecondLook(SecondLook look) {
        return new DetectorSettings(modelLocation, inputSize, noseClassIndex, confidenceThreshold, iouThreshold, look);
    }
}
