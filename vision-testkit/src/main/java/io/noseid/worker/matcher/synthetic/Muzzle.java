package io.noseid.worker.matcher.synthetic;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.lang.ref.Reference;
import java.util.SplittableRandom;

/**
 * What surrounds a nose in a close-up, and what a close-up without a nose shows: muzzle fur that grows away from a
 * centre, lips and mouth, tongue, eyes, paw pads, ear skin. All draw into a BGR float scene (0..1, before
 * exposure), each from its own random stream, so the same kinds serve the close-ups and the no-nose images.
 */
final class Muzzle {

    /** Fur colours of dogs (BGR): white, cream, golden, red-brown, brown, black, grey. */
    private static final double[][] FUR = {{0.86, 0.87, 0.9}, {0.62, 0.76, 0.86}, {0.3, 0.56, 0.82},
            {0.16, 0.3, 0.55}, {0.18, 0.26, 0.36}, {0.07, 0.07, 0.08}, {0.45, 0.46, 0.5}};

    private Muzzle() {
    }

    static double[] furColour(SplittableRandom r) {
        double[] c = FUR[r.nextInt(FUR.length)].clone();
        double k = 0.85 + r.nextDouble() * 0.3;
        for (int i = 0; i < 3; i++) {
            c[i] = Math.min(1, c[i] * k);
        }
        return c;
    }

    /**
     * Fur filling a {@code size} frame: strands radiating from {@code centre} (a muzzle grows its fur away from the
     * nose), one or two colours (patches), lit more towards the centre.
     */
    static Mat fur(Size size, Point centre, SplittableRandom r) {
        int w = (int) size.width;
        int h = (int) size.height;
        double[] a = furColour(r);
        double[] b = r.nextDouble() < 0.35 ? furColour(r) : a;
        // Four strand directions, blended by each pixel's direction from the centre.
        float[][] layers = new float[4][];
        double strand = Math.max(1.5, Math.min(w, h) / 90.0) * (0.6 + r.nextDouble() * 0.8);
        for (int k = 0; k < 4; k++) {
            layers[k] = strands(w, h, Math.PI / 4 * k, strand, r);
        }
        float[] patch = smoothNoise(w, h, Math.min(w, h) / 4.0, r);
        float[] out = new float[w * h * 3];
        double reach = Math.hypot(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ang = Math.atan2(y - centre.y, x - centre.x);
                double t = ((ang % Math.PI) + Math.PI) % Math.PI / (Math.PI / 4);
                int k0 = (int) t % 4;
                int k1 = (k0 + 1) % 4;
                double f = t - Math.floor(t);
                int i = y * w + x;
                double s = layers[k0][i] * (1 - f) + layers[k1][i] * f;
                double light = 1.05 - 0.45 * Math.min(1, Math.hypot(x - centre.x, y - centre.y) / reach * 1.6);
                double m = NosePatternV2.smooth(-0.2, 0.2, patch[i]);
                for (int c = 0; c < 3; c++) {
                    out[i * 3 + c] = (float) ((a[c] * (1 - m) + b[c] * m) * s * light);
                }
            }
        }
        Mat scene = new Mat(h, w, CvType.CV_32FC3);
        scene.put(0, 0, out);
        return scene;
    }

    /** Streaky noise along {@code angle}: strands of width about {@code strand} px, brightness around 1. */
    private static float[] strands(int w, int h, double angle, double strand, SplittableRandom r) {
        int side = (int) Math.ceil(Math.hypot(w, h));
        Mat noise = new Mat(side, side, CvType.CV_32F);
        float[] n = new float[side * side];
        for (int i = 0; i < n.length; i++) {
            n[i] = (float) r.nextGaussian();
        }
        noise.put(0, 0, n);
        Mat blurred = new Mat();
        Imgproc.GaussianBlur(noise, blurred, new Size(0, 0), strand * 4, strand * 0.5);
        Mat rot = Imgproc.getRotationMatrix2D(new Point(side / 2.0, side / 2.0), Math.toDegrees(angle), 1);
        rot.put(0, 2, rot.get(0, 2)[0] - (side - w) / 2.0);
        rot.put(1, 2, rot.get(1, 2)[0] - (side - h) / 2.0);
        Mat turned = new Mat();
        Imgproc.warpAffine(blurred, turned, rot, new Size(w, h), Imgproc.INTER_LINEAR, Core.BORDER_REFLECT_101);
        float[] out = new float[w * h];
        turned.get(0, 0, out);
        Core.MinMaxLocResult mm = Core.minMaxLoc(turned);
        double scale = 1.6 / Math.max(1e-6, mm.maxVal - mm.minVal);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.max(0.12, 0.55 + out[i] * scale);
        }
        Reference.reachabilityFence(noise);
        Reference.reachabilityFence(blurred);
        Reference.reachabilityFence(rot);
        Reference.reachabilityFence(turned);
        return out;
    }

    /** Smooth noise in about -0.5..0.5 with features of about {@code scale} px. */
    static float[] smoothNoise(int w, int h, double scale, SplittableRandom r) {
        int gw = Math.max(2, (int) Math.ceil(w / scale) + 1);
        int gh = Math.max(2, (int) Math.ceil(h / scale) + 1);
        Mat g = new Mat(gh, gw, CvType.CV_32F);
        float[] v = new float[gw * gh];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() - 0.5);
        }
        g.put(0, 0, v);
        Mat big = new Mat();
        Imgproc.resize(g, big, new Size(w, h), 0, 0, Imgproc.INTER_CUBIC);
        float[] out = new float[w * h];
        big.get(0, 0, out);
        Reference.reachabilityFence(g);
        Reference.reachabilityFence(big);
        return out;
    }

    /**
     * Lips under a nose: the philtrum's line down from the nose's lower centre, then the two lips curving away, dark
     * or pink, with an open mouth (and sometimes the tongue) under them. Sizes follow {@code noseWidth}.
     */
    static void mouth(Mat scene, Point top, double noseWidth, double angle, SplittableRandom r) {
        Mat ink = Mat.zeros(scene.size(), CvType.CV_32F);
        double drop = noseWidth * (0.12 + r.nextDouble() * 0.2);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        Point split = new Point(top.x - sin * drop, top.y + cos * drop);
        int thick = (int) Math.max(2, noseWidth * (0.025 + r.nextDouble() * 0.03));
        Imgproc.line(ink, top, split, new Scalar(1), thick, Imgproc.LINE_AA);
        double span = noseWidth * (0.6 + r.nextDouble() * 0.5);
        double sag = noseWidth * (0.15 + r.nextDouble() * 0.25);
        for (int side = -1; side <= 1; side += 2) {
            Point prev = split;
            for (int i = 1; i <= 12; i++) {
                double u = i / 12.0 * side * span;
                double v = sag * Math.pow(i / 12.0, 1.6);
                Point p = new Point(split.x + u * cos - v * sin, split.y + u * sin + v * cos);
                Imgproc.line(ink, prev, p, new Scalar(1), (int) Math.max(2, thick * 1.6), Imgproc.LINE_AA);
                prev = p;
            }
        }
        boolean pinkLips = r.nextDouble() < 0.3;
        double[] lip = pinkLips ? new double[]{0.35, 0.35, 0.55} : new double[]{0.05, 0.05, 0.06};
        Imgproc.GaussianBlur(ink, ink, new Size(0, 0), Math.max(0.8, thick * 0.4));
        paint(scene, ink, lip, 1);
        if (r.nextDouble() < 0.3) {
            Point t = new Point(split.x - sin * sag * 1.6, split.y + cos * sag * 1.6);
            tongue(scene, t, noseWidth * (0.3 + r.nextDouble() * 0.3), angle, r);
        }
        Reference.reachabilityFence(ink);
    }

    /** A pink tongue: a rounded blade with a groove down its middle and fine papillae. */
    static void tongue(Mat scene, Point centre, double halfWidth, double angle, SplittableRandom r) {
        Mat ink = Mat.zeros(scene.size(), CvType.CV_32F);
        Imgproc.ellipse(ink, centre, new Size(halfWidth, halfWidth * (1.1 + r.nextDouble() * 0.6)),
                Math.toDegrees(angle), 0, 360, new Scalar(1), -1, Imgproc.LINE_AA);
        Imgproc.GaussianBlur(ink, ink, new Size(0, 0), Math.max(1, halfWidth * 0.05));
        double[] pink = {0.45 + r.nextDouble() * 0.1, 0.42 + r.nextDouble() * 0.1, 0.85};
        paint(scene, ink, pink, 1);
        Mat groove = Mat.zeros(scene.size(), CvType.CV_32F);
        Imgproc.line(groove, centre, new Point(centre.x - Math.sin(angle) * halfWidth,
                centre.y + Math.cos(angle) * halfWidth), new Scalar(0.5), (int) Math.max(2, halfWidth * 0.08),
                Imgproc.LINE_AA);
        Imgproc.GaussianBlur(groove, groove, new Size(0, 0), Math.max(1, halfWidth * 0.05));
        Core.multiply(groove, ink, groove);
        paint(scene, groove, new double[]{0.25, 0.2, 0.5}, 1);
        Reference.reachabilityFence(ink);
        Reference.reachabilityFence(groove);
    }

    /** An eye: dark iris and pupil in a white-rimmed almond, dark lids, a bright catch light. */
    static void eye(Mat scene, Point centre, double radius, SplittableRandom r) {
        double tilt = (r.nextDouble() - 0.5) * 40;
        Mat lid = Mat.zeros(scene.size(), CvType.CV_32F);
        Imgproc.ellipse(lid, centre, new Size(radius * 1.45, radius * 1.05), tilt, 0, 360, new Scalar(1), -1,
                Imgproc.LINE_AA);
        Imgproc.GaussianBlur(lid, lid, new Size(0, 0), Math.max(1, radius * 0.1));
        paint(scene, lid, new double[]{0.06, 0.06, 0.07}, 1);
        Mat iris = Mat.zeros(scene.size(), CvType.CV_32F);
        Imgproc.ellipse(iris, centre, new Size(radius * 1.2, radius * 0.9), tilt, 0, 360, new Scalar(1), -1,
                Imgproc.LINE_AA);
        double[] brown = r.nextDouble() < 0.08 ? new double[]{0.3, 0.22, 0.16} : new double[]{0.04, 0.08, 0.15};
        paint(scene, iris, brown, 1);
        Mat pupil = Mat.zeros(scene.size(), CvType.CV_32F);
        Imgproc.circle(pupil, centre, (int) Math.max(2, radius * 0.5), new Scalar(1), -1, Imgproc.LINE_AA);
        paint(scene, pupil, new double[]{0.02, 0.02, 0.02}, 1);
        Mat glint = Mat.zeros(scene.size(), CvType.CV_32F);
        Imgproc.circle(glint, new Point(centre.x + radius * (r.nextDouble() - 0.5), centre.y - radius * 0.3),
                (int) Math.max(1, radius * (0.08 + r.nextDouble() * 0.1)), new Scalar(1), -1, Imgproc.LINE_AA);
        Imgproc.GaussianBlur(glint, glint, new Size(0, 0), Math.max(0.7, radius * 0.03));
        paint(scene, glint, new double[]{1.4, 1.4, 1.4}, 1);
        Reference.reachabilityFence(lid);
        Reference.reachabilityFence(iris);
        Reference.reachabilityFence(pupil);
        Reference.reachabilityFence(glint);
    }

    /** Blends {@code colour} into the scene where {@code alpha} (0..1) times {@code strength} says. */
    static void paint(Mat scene, Mat alpha, double[] colour, double strength) {
        int n = scene.cols() * scene.rows();
        float[] s = new float[n * 3];
        float[] a = new float[n];
        scene.get(0, 0, s);
        alpha.get(0, 0, a);
        for (int i = 0; i < n; i++) {
            double t = Math.max(0, Math.min(1, a[i] * strength));
            for (int c = 0; c < 3; c++) {
                s[i * 3 + c] = (float) (s[i * 3 + c] * (1 - t) + colour[c] * t);
            }
        }
        scene.put(0, 0, s);
    }

    /**
     * A pebbled, lit surface (leather, paw pads): bumps of about {@code grain} px from blurred noise, shaded by a
     * light from {@code angle}; values around {@code tone}. Nose-like on purpose: the detector must tell it apart
     * by the nose's outline and nostrils.
     */
    static float[] pebbles(int w, int h, double grain, double tone, double angle, SplittableRandom r) {
        Mat noise = new Mat(h, w, CvType.CV_32F);
        float[] n = new float[w * h];
        for (int i = 0; i < n.length; i++) {
            n[i] = (float) r.nextGaussian();
        }
        noise.put(0, 0, n);
        Mat bumps = new Mat();
        Imgproc.GaussianBlur(noise, bumps, new Size(0, 0), grain);
        Mat gx = new Mat();
        Mat gy = new Mat();
        Imgproc.Sobel(bumps, gx, CvType.CV_32F, 1, 0);
        Imgproc.Sobel(bumps, gy, CvType.CV_32F, 0, 1);
        float[] fx = new float[w * h];
        float[] fy = new float[w * h];
        gx.get(0, 0, fx);
        gy.get(0, 0, fy);
        double k = grain * grain * 6;
        double lx = Math.cos(angle);
        double ly = Math.sin(angle);
        float[] out = new float[w * h];
        for (int i = 0; i < out.length; i++) {
            double shade = 0.75 + 0.5 * Math.tanh((fx[i] * lx + fy[i] * ly) * k);
            out[i] = (float) (tone * shade);
        }
        Reference.reachabilityFence(noise);
        Reference.reachabilityFence(bumps);
        Reference.reachabilityFence(gx);
        Reference.reachabilityFence(gy);
        return out;
    }
}
