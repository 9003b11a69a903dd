package io.noseid.worker.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the ultralytics YOLOv5 export layout [1, N, 5 + classes] (centre-x, centre-y, width, height in input pixels,
 * objectness, class scores after sigmoid), keeps one class, suppresses overlaps and maps boxes back from the
 * letterbox to the photo.
 */
final class YoloOutput {

    private YoloOutput() {
    }

    static List<NoseDetection> decode(float[] out, long[] shape, int classIndex, double minConfidence,
                                      double iouThreshold, Letterbox letterbox, int imageWidth, int imageHeight) {
        if (shape.length != 3 || shape[0] != 1 || shape[2] < 6) {
            throw new IllegalStateException("Model output shape " + java.util.Arrays.toString(shape)
                    + " is not the YOLOv5 export layout [1, N, 5 + classes]");
        }
        int rows = (int) shape[1];
        int cols = (int) shape[2];
        if (classIndex >= cols - 5) {
            throw new IllegalStateException("Nose class index " + classIndex + " but the model has only "
                    + (cols - 5) + " classes");
        }
        List<double[]> candidates = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double score = (double) out[o + 4] * out[o + 5 + classIndex];
            if (score < minConfidence) {
                continue;
            }
            double cx = out[o];
            double cy = out[o + 1];
            double hw = out[o + 2] / 2.0;
            double hh = out[o + 3] / 2.0;
            candidates.add(new double[] {cx - hw, cy - hh, cx + hw, cy + hh, score});
        }
        candidates.sort(Comparator.comparingDouble((double[] c) -> -c[4]));
        if (candidates.size() > 300) {
            candidates = new ArrayList<>(candidates.subList(0, 300));
        }
        List<double[]> kept = new ArrayList<>();
        for (double[] c : candidates) {
            boolean suppressed = false;
            for (double[] k : kept) {
                if (iou(c, k) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(c);
            }
        }
        List<NoseDetection> result = new ArrayList<>(kept.size());
        for (double[] k : kept) {
            double x1 = clamp((k[0] - letterbox.padX()) / letterbox.scale(), imageWidth);
            double y1 = clamp((k[1] - letterbox.padY()) / letterbox.scale(), imageHeight);
            double x2 = clamp((k[2] - letterbox.padX()) / letterbox.scale(), imageWidth);
            double y2 = clamp((k[3] - letterbox.padY()) / letterbox.scale(), imageHeight);
            int x = (int) Math.round(x1);
            int y = (int) Math.round(y1);
            int w = (int) Math.round(x2) - x;
            int h = (int) Math.round(y2) - y;
            if (w > 0 && h > 0) {
                result.add(new NoseDetection(x, y, w, h, k[4]));
            }
        }
        return result;
    }

    /** Intersection over union of two boxes given as corners {x1, y1, x2, y2}; the one IoU of detection code. */
    public static double iou(double[] a, double[] b) {
        double iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
