package io.noseid.worker.detection;

import io.noseid.shared.PhotoRejection;
import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Optional;

/**
 * Decides whether a detected nose can be matched: there is one, it is large enough in pixels, and it is sharp
 * enough (variance of the Laplacian of the grey nose box, shrunk so its longer side is at most
 * {@link QualitySettings#sharpnessSize()} px: a large close-up and a just-large-enough nose are measured at a
 * comparable scale, and a small nose is never enlarged, which would blur it). Large noses are fine: mobile close-ups
 * fill most of the frame.
 */
public final class NoseQualityGate {

    private final QualitySettings settings;

    public NoseQualityGate(QualitySettings settings) {
        OpenCv.ensureLoaded();
        this.settings = settings;
    }

    public Optional<PhotoRejection> rejectionReason(Mat bgr, Optional<NoseDetection> detection) {
        if (detection.isEmpty()) {
            return Optional.of(PhotoRejection.NO_NOSE);
        }
        NoseDetection nose = detection.get();
        if (nose.minSide() < settings.minNoseSidePx()) {
            return Optional.of(PhotoRejection.NOSE_TOO_SMALL);
        }
        // Before sharpness: a dark photo also has little contrast, and "too dark" is what the owner can fix.
        if (settings.minLuminance() > 0 && luminance(bgr, nose) < settings.minLuminance()) {
            return Optional.of(PhotoRejection.TOO_DARK);
        }
        if (sharpness(bgr, nose, settings.sharpnessSize()) < settings.minSharpness()) {
            return Optional.of(PhotoRejection.BLURRED);
        }
        return Optional.empty();
    }

    /** Variance of the Laplacian of the grey nose box, shrunk to at most {@code maxSide} px on its longer side. */
    public static double sharpness(Mat bgr, NoseDetection nose, int maxSide) {
        Rect box = clip(bgr, nose.x(), nose.y(), nose.width(), nose.height());
        Mat region = new Mat(bgr, box);
        double scale = Math.min(1.0, (double) maxSide / Math.max(box.width, box.height));
        try {
            return greyLaplacianVariance(region, scale);
        } finally {
            region.release();
        }
    }

    /**
     * Variance of the Laplacian of a nose crop resized (either way) so its short side is {@code workingSize}: the
     * sharpness of what the matcher extracts its features from, where a small nose enlarged counts as blurred.
     */
    public static double sharpnessAtWorkingSize(Mat bgrCrop, int workingSize) {
        return greyLaplacianVariance(bgrCrop, workingSize / (double) Math.min(bgrCrop.cols(), bgrCrop.rows()));
    }

    /** Grey, resized by {@code scale} (area when shrinking, linear when enlarging), variance of its Laplacian. */
    private static double greyLaplacianVariance(Mat bgr, double scale) {
        Mat grey = new Mat();
        Mat resized = new Mat();
        Mat laplacian = new Mat();
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble std = new MatOfDouble();
        try {
            Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
            if (scale != 1.0) {
                Imgproc.resize(grey, resized, new Size(Math.max(3, Math.round(grey.cols() * scale)),
                        Math.max(3, Math.round(grey.rows() * scale))), 0, 0,
                        scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            } else {
                grey.copyTo(resized);
            }
            Imgproc.Laplacian(resized, laplacian, CvType.CV_64F);
            Core.meanStdDev(laplacian, mean, std);
            double s = std.toArray()[0];
            return s * s;
        } finally {
            grey.release();
            resized.release();
            laplacian.release();
            mean.release();
            std.release();
        }
    }

    /** Mean luminance (0..255) of the nose box. */
    public static double luminance(Mat bgr, NoseDetection nose) {
        Mat region = new Mat(bgr, clip(bgr, nose.x(), nose.y(), nose.width(), nose.height()));
        Mat grey = new Mat();
        try {
            Imgproc.cvtColor(region, grey, Imgproc.COLOR_BGR2GRAY);
            return Core.mean(grey).val[0];
        } finally {
            region.release();
            grey.release();
        }
    }

    /** The nose box enlarged by the margin on every side, clipped to the image; a copy the caller owns. */
    public Mat crop(Mat bgr, NoseDetection detection) {
        int mx = (int) Math.round(detection.width() * settings.cropMargin());
        int my = (int) Math.round(detection.height() * settings.cropMargin());
        Rect box = clip(bgr, detection.x() - mx, detection.y() - my, detection.width() + 2 * mx,
                detection.height() + 2 * my);
        Mat view = new Mat(bgr, box);
        Mat copy = view.clone();
        view.release();
        return copy;
    }

    private static Rect clip(Mat image, int x, int y, int w, int h) {
        int x1 = Math.max(0, Math.min(image.cols() - 1, x));
        int y1 = Math.max(0, Math.min(image.rows() - 1, y));
        int x2 = Math.max(x1 + 1, Math.min(image.cols(), x + w));
        int y2 = Math.max(y1 + 1, Math.min(image.rows(), y + h));
        return new Rect(x1, y1, x2 - x1, y2 - y1);
    }
}
