package io.noseid.worker.matcher.synthetic;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.lang.ref.Reference;
import java.util.SplittableRandom;

/**
 * What a phone held 10-20 cm from a nose does to the scene: focus blur (often graded across the frame, sometimes
 * badly off), hand shake (motion blur), exposure (dark rooms), the white balance's colour cast, sensor noise, and
 * the JPEG the app uploads. Input: a BGR float scene in 0..1 (about); output: the decoded 8-bit BGR photo.
 */
final class PhoneCamera {

    private PhoneCamera() {
    }

    /**
     * @param blurScale frame short side / 320: blur radii are chosen for a 320 px photo and scaled with the frame
     * @param luminance the luminance (0..255) the exposure aims at, metered as a phone meters (centre-weighted)
     * @param subject    where the subject is (0..1 per pixel, weighted up in the metering), or null
     */
    static Mat shoot(Mat scene, SplittableRandom r, double blurScale, double luminance, Mat subject) {
        float[] meter = meter(scene, subject);
        double u = r.nextDouble();
        double sigma = u < 0.55 ? 0.3 + r.nextDouble() * 0.5 : u < 0.9 ? 0.8 + r.nextDouble() * 1.0
                : 1.8 + r.nextDouble() * 1.7;
        SyntheticNoseGeneratorV2.focusBlur(scene, sigma * blurScale, r.nextDouble() * Math.PI * 2,
                r.nextDouble() * 0.8);
        if (r.nextDouble() < 0.2) {
            motionBlur(scene, (2 + r.nextDouble() * 6) * blurScale, r.nextDouble() * Math.PI);
        }
        double warm = (r.nextDouble() * 2 - 1) * 0.18;
        double tint = (r.nextDouble() * 2 - 1) * 0.06;
        double[] cast = {1 - warm, 1 + tint, 1 + warm};
        return expose(scene, r, luminance, meter, cast, 2 + r.nextDouble() * 7, 35 + r.nextInt(61));
    }

    /** Centre-weighted metering, the subject counted three times over. */
    private static float[] meter(Mat scene, Mat subject) {
        int w = scene.cols();
        int h = scene.rows();
        float[] m = new float[w * h];
        if (subject != null) {
            subject.get(0, 0, m);
        }
        double s2 = 2 * Math.pow(0.35 * Math.min(w, h), 2);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double centre = Math.exp(-((x - w / 2.0) * (x - w / 2.0) + (y - h / 2.0) * (y - h / 2.0)) / s2);
                m[y * w + x] = (float) (0.2 + centre + 3 * m[y * w + x]);
            }
        }
        return m;
    }

    /** A straight smear of {@code length} px at {@code angle}: the hand moved while the shutter was open. */
    static void motionBlur(Mat img, double length, double angle) {
        int k = Math.max(3, (int) Math.ceil(length) | 1);
        Mat kernel = Mat.zeros(k, k, CvType.CV_32F);
        double c = k / 2.0;
        Imgproc.line(kernel, new Point(c - Math.cos(angle) * length / 2, c - Math.sin(angle) * length / 2),
                new Point(c + Math.cos(angle) * length / 2, c + Math.sin(angle) * length / 2), new Scalar(1), 1,
                Imgproc.LINE_AA);
        double sum = Core.sumElems(kernel).val[0];
        Core.multiply(kernel, new Scalar(1 / Math.max(1e-6, sum)), kernel);
        Imgproc.filter2D(img, img, -1, kernel);
        Reference.reachabilityFence(kernel);
    }

    /** Exposure to {@code luminance}, colour cast, clipping, noise of {@code noise} grey levels, JPEG {@code quality}. */
    static Mat expose(Mat scene, SplittableRandom r, double luminance, float[] meter, double[] cast, double noise,
                      int quality) {
        int w = scene.cols();
        int h = scene.rows();
        float[] buf = new float[w * h * 3];
        scene.get(0, 0, buf);
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < buf.length; i += 3) {
            sum += (0.114 * buf[i] + 0.587 * buf[i + 1] + 0.299 * buf[i + 2]) * meter[i / 3];
            weight += meter[i / 3];
        }
        // A phone's auto-exposure has limits: very dark scenes stay dark, bright ones are not crushed.
        double gain = Math.max(0.4, Math.min(3.0, luminance / 255.0 / Math.max(1e-4, sum / weight)));
        double sd = noise / 255.0;
        for (int i = 0; i < buf.length; i += 3) {
            for (int ch = 0; ch < 3; ch++) {
                double v = buf[i + ch] * gain * cast[ch] + r.nextGaussian() * sd;
                buf[i + ch] = (float) (Math.max(0, Math.min(1, v)) * 255);
            }
        }
        return jpeg(buf, w, h, quality);
    }

    /** BGR values 0..255 (float, clipped) to 8 bits, JPEG-encoded at {@code quality} and decoded again. */
    static Mat jpeg(float[] bgr, int w, int h, int quality) {
        Mat f = new Mat(h, w, CvType.CV_32FC3);
        f.put(0, 0, bgr);
        Mat u8 = new Mat();
        f.convertTo(u8, CvType.CV_8UC3);
        MatOfByte jpg = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
        Imgcodecs.imencode(".jpg", u8, jpg, params);
        Mat decoded = Imgcodecs.imdecode(jpg, Imgcodecs.IMREAD_COLOR);
        Reference.reachabilityFence(params);
        Reference.reachabilityFence(jpg);
        Reference.reachabilityFence(f);
        Reference.reachabilityFence(u8);
        return decoded;
    }

    /** A frame size as phones send close-ups: short side 180-420 px, square, 4:3 or 3:4. */
    static Size frame(SplittableRandom r) {
        int shortSide = (int) Math.round(Math.max(180, Math.min(420, 260 * Math.exp(r.nextGaussian() * 0.25))));
        double u = r.nextDouble();
        double aspect = u < 0.4 ? 1.0 : u < 0.7 ? 4.0 / 3 : 3.0 / 4;
        return aspect >= 1 ? new Size(Math.round(shortSide * aspect), shortSide)
                : new Size(shortSide, Math.round(shortSide / aspect));
    }
}
