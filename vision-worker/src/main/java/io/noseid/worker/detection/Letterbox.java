package io.noseid.worker.detection;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

/**
 * The YOLOv5 letterbox: keep the aspect ratio, centre the image on a grey (114) square, RGB, 0..1, CHW. The
 * training tool uses the same geometry (tools/nose-detector/data.py letterbox), so boxes map back exactly.
 */
record Letterbox(float[] chw, double scale, int padX, int padY) {

    static Letterbox of(Mat bgr, int size) {
        double scale = Math.min((double) size / bgr.cols(), (double) size / bgr.rows());
        int w = Math.max(1, (int) Math.round(bgr.cols() * scale));
        int h = Math.max(1, (int) Math.round(bgr.rows() * scale));
        int padX = (size - w) / 2;
        int padY = (size - h) / 2;
        Mat resized = new Mat();
        Mat boxed = new Mat();
        Mat rgb = new Mat();
        List<Mat> planes = new ArrayList<>(3);
        try {
            Imgproc.resize(bgr, resized, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
            Core.copyMakeBorder(resized, boxed, padY, size - h - padY, padX, size - w - padX, Core.BORDER_CONSTANT,
                    new Scalar(114, 114, 114));
            Imgproc.cvtColor(boxed, rgb, Imgproc.COLOR_BGR2RGB);
            rgb.convertTo(rgb, CvType.CV_32FC3, 1.0 / 255.0);
            Core.split(rgb, planes);
            int area = size * size;
            float[] chw = new float[3 * area];
            float[] plane = new float[area];
            for (int c = 0; c < 3; c++) {
                planes.get(c).get(0, 0, plane);
                System.arraycopy(plane, 0, chw, c * area, area);
            }
            return new Letterbox(chw, scale, padX, padY);
        } finally {
            resized.release();
            boxed.release();
            rgb.release();
            planes.forEach(Mat::release);
        }
    }
}
