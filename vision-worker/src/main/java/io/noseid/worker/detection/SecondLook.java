package io.noseid.worker.detection;

import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

import java.util.List;

/**
 * A second look at a photo whose surest nose is below the detector's threshold: the photo is shown again shrunk onto
 * a grey canvas (it covers {@code imageShare} of the canvas's longer side), so that a nose that fills the frame
 * appears at the size of the noses in the dog-face photos the model learned from. The two looks are averaged: the
 * surest box is accepted when the mean of its confidence and of the surest second-look box that agrees with it
 * (IoU >= 0.5) reaches {@code threshold}. A no-nose photo rarely gets a confident box in the same place twice, so
 * the pair is surer than either look alone (MODEL_CARD.md, "Second look", chosen on validation data).
 *
 * @param enabled    off: the detector's threshold alone decides
 * @param imageShare the photo's longer side as a share of the canvas's side (0 < share <= 1)
 * @param threshold  least mean confidence of the two looks
 */
public record SecondLook(boolean enabled, double imageShare, double threshold) {

    public static final SecondLook OFF = new SecondLook(false, 1.0, 1.0);

    /** Two boxes agree when they overlap at least this much. */
    static final double AGREEMENT_IOU = 0.5;

    public SecondLook {
        if (imageShare <= 0 || imageShare > 1) {
            throw new IllegalArgumentException("second look image share must be within (0, 1], was " + imageShare);
        }
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("second look threshold must be within 0..1, was " + threshold);
        }
    }

    /**
     * The least first-look confidence that can still be accepted: the second look adds at most 1 to the sum, so a
     * first look below {@code 2 * threshold - 1} is refused without a second look.
     */
    public double firstLookFloor() {
        return Math.max(0.001, 2 * threshold - 1);
    }

    /** Whether a first-look box of this confidence, below the detector's threshold, is worth a second look. */
    public boolean worthALook(double firstLookConfidence) {
        return enabled && firstLookConfidence >= firstLookFloor();
    }

    /** The confidence the two looks give together: their mean. */
    public static double combined(double firstLook, double secondLook) {
        return (firstLook + secondLook) / 2;
    }

    /** Whether the two looks together accept the first look's box. */
    public boolean accepts(double firstLook, double secondLook) {
        return enabled && combined(firstLook, secondLook) >= threshold;
    }

    /** The photo centred on a grey (114, as the letterbox) canvas whose side is the longer side over the share. */
    Canvas canvas(Mat bgr) {
        int side = (int) Math.round(Math.max(bgr.cols(), bgr.rows()) / imageShare);
        int padX = (side - bgr.cols()) / 2;
        int padY = (side - bgr.rows()) / 2;
        Mat canvas = new Mat(side, side, bgr.type(), new Scalar(114, 114, 114));
        Mat inner = canvas.submat(new Rect(padX, padY, bgr.cols(), bgr.rows()));
        bgr.copyTo(inner);
        inner.release();
        return new Canvas(canvas, padX, padY, bgr.cols(), bgr.rows());
    }

    /** The canvas and where the photo lies on it. */
    record Canvas(Mat image, int padX, int padY, int width, int height) {

        /** A box found on the canvas, in pixels of the photo (clipped to it); null when it lies outside. */
        NoseDetection toPhoto(NoseDetection onCanvas) {
            int x1 = Math.max(0, onCanvas.x() - padX);
            int y1 = Math.max(0, onCanvas.y() - padY);
            int x2 = Math.min(width, onCanvas.x() + onCanvas.width() - padX);
            int y2 = Math.min(height, onCanvas.y() + onCanvas.height() - padY);
            return x2 > x1 && y2 > y1 ? new NoseDetection(x1, y1, x2 - x1, y2 - y1, onCanvas.confidence()) : null;
        }
    }

    /** The highest confidence among {@code candidates} (in photo pixels) that agree with {@code box}; 0 if none. */
    static double agreeing(NoseDetection box, List<NoseDetection> candidates) {
        double best = 0;
        for (NoseDetection c : candidates) {
            if (c != null && c.confidence() > best && iou(box, c) >= AGREEMENT_IOU) {
                best = c.confidence();
            }
        }
        return best;
    }

    static double iou(NoseDetection a, NoseDetection b) {
        return YoloOutput.iou(new double[] {a.x(), a.y(), a.x() + a.width(), a.y() + a.height()},
                new double[] {b.x(), b.y(), b.x() + b.width(), b.y() + b.height()});
    }
}
