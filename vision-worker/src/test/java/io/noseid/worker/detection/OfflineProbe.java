package io.noseid.worker.detection;

import io.noseid.worker.vision.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** Run by OfflineInferenceTest in a child JVM without network: loads the shipped model and runs one detection. */
public final class OfflineProbe {

    private OfflineProbe() {
    }

    public static void main(String[] args) {
        OpenCv.ensureLoaded();
        try (NoseDetector detector = NoseDetector.load(DetectorSettings.defaults())) {
            Mat image = new Mat(480, 640, CvType.CV_8UC3, new Scalar(100, 120, 140));
            System.out.println("OFFLINE-INFERENCE-OK detections=" + detector.detectAll(image, 0.001).size());
        }
    }
}
