package io.noseid.worker.matcher.synthetic;

import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.lang.ref.Reference;
import java.util.SplittableRandom;

/**
 * Generator v2: synthetic nose crops calibrated against the figures of real close-up photos (issue 11,
 * vision-worker/MATCHER.md "Generator v2, calibrated"). A dog's pattern ({@link NosePatternV2}) holds albedo, the
 * height of small rounded beads, pigment (pink spots) and the nose outline. A photo is rendered from it as a real
 * close-up is taken:
 * <ul>
 *   <li>photos come in captures: each photo is either another frame of the previous photo's capture (a burst frame,
 *       nearly identical, or a frame a moment later) or a new capture on another day: other light direction and
 *       colour, another viewpoint (rotation, tilt, zoom), another soft deformation of the nose;</li>
 *   <li>the light shades the bead domes by its direction (the beads' look changes with it), wet highlights sit
 *       where the light reflects; photos are dark (mean luminance about 70 of 255) and low in contrast;</li>
 *   <li>blur varies across the frame (a focus gradient) and between photos; sensor noise; JPEG 45 to 92;</li>
 *   <li>partial noses cut off by the frame; fur and lips around the nose, fresh in every photo.</li>
 * </ul>
 * Deterministic by seed, dog and photo index. Parameters: {@link NoseParamsV2}.
 */
public final class SyntheticNoseGeneratorV2 implements NoseGenerator {

    private final long seed;
    private final NoseParamsV2 p;

    public SyntheticNoseGeneratorV2(long seed, NoseParamsV2 params) {
        OpenCv.ensureLoaded();
        this.seed = seed;
        this.p = params;
    }

    @Override
    public String name() {
        String d = p.differences();
        return "v2 seed " + seed + (d.isEmpty() ? "" : " [" + d + "]");
    }

    SplittableRandom rnd(long a, long b) {
        long h = (seed + 0x5DEECE66DL) * 0x9E3779B97F4A7C15L ^ (a + 3) * 0xC2B2AE3D27D4EB4FL
                ^ (b + 11) * 0x165667B19E3779F9L;
        return new SplittableRandom(h);
    }

    @Override
    public SyntheticNoseGenerator.DogPattern dog(int index) {
        return new SyntheticNoseGenerator.DogPattern(index, NosePatternV2.render(rnd(index, -1), p));
    }

    /** What a capture fixes: light, colour, viewpoint, deformation; frames of one capture share it. */
    private record Capture(double lightAngle, double lightElevation, double luminance, double[] cast, double rotation,
                           double zoom, double cx, double cy, boolean partial, double[] tilt, long deformSeed,
                           double blur, double focusAngle) {
    }

    private Capture capture(SplittableRandom r) {
        double warm = (r.nextDouble() * 2 - 1) * p.cast(); // warm (red) to cool (blue) light
        double tint = (r.nextDouble() * 2 - 1) * p.cast() * 0.3;
        boolean partial = r.nextDouble() < p.partial();
        double[] tilt = new double[8];
        for (int i = 0; i < 8; i++) {
            tilt[i] = (r.nextDouble() * 2 - 1) * p.tilt();
        }
        return new Capture(r.nextDouble() * Math.PI * 2, Math.toRadians(20 + r.nextDouble() * 50),
                p.luminance() * Math.exp(r.nextGaussian() * 0.3),
                new double[]{1 - warm, 1 + tint, 1 + warm},
                Math.toRadians((r.nextDouble() * 2 - 1) * p.rotation()), 0.95 + r.nextDouble() * 0.15,
                (r.nextDouble() * 2 - 1) * (partial ? 0.16 : 0.04), (r.nextDouble() * 2 - 1) * (partial ? 0.14 : 0.04),
                partial, tilt, r.nextLong(), p.blur() * Math.exp(r.nextGaussian() * 0.6),
                r.nextDouble() * Math.PI * 2);
    }

    /**
     * The capture of photo {@code k} and how far this frame moved from the previous one: photo 0 starts a capture;
     * photo k is a burst frame of photo k-1 (jitter 0.15), another frame of its capture or the first frame of a new
     * capture (jitter {@link NoseParamsV2#frameJitter()}).
     */
    private Capture captureOf(int dog, int k, double[] jitter) {
        Capture c = capture(rnd(dog, 1000));
        jitter[0] = p.frameJitter();
        for (int i = 1; i <= k; i++) {
            SplittableRandom r = rnd(dog, 1000 + i);
            double u = r.nextDouble();
            if (u < p.burst()) {
                jitter[0] = 0.15;
            } else if (u < p.burst() + (1 - p.burst()) * p.newCapture()) {
                c = capture(r);
                jitter[0] = p.frameJitter();
            } else {
                jitter[0] = p.frameJitter();
            }
        }
        return c;
    }

    @Override
    public Mat photo(SyntheticNoseGenerator.DogPattern dog, int photo) {
        double[] jitter = new double[1];
        Capture c = captureOf(dog.index(), photo, jitter);
        double j = jitter[0];
        SplittableRandom r = rnd(dog.index(), photo);
        int shortSide = (int) Math.round(Math.max(140, Math.min(420, 228 * Math.exp(r.nextGaussian() * 0.25))));
        Lit lit = lit(dog, c, j, r);
        Mat img = view(lit.colour(), c, r, j, shortSide);
        Reference.reachabilityFence(lit);
        double px = shortSide / 228.0;
        focusBlur(img, c.blur() * Math.max(0.25, 1 + j * (r.nextDouble() - 0.5) * 0.5) * px, c.focusAngle(),
                p.focusSpread());
        return finish(img, c, r, j);
    }

    /**
     * The lit nose of one photo in the canonical frame, before any camera step: BGR float colour (fur of generator
     * v2 outside the nose) and the deformed nose outline (1 on the nose). {@link CloseUpRenderer} frames it anew.
     */
    record Lit(Mat colour, Mat mask) {
    }

    /** Photo {@code photo}'s lit nose: the capture and frame jitter of {@link #photo}, so bursts stay bursts. */
    Lit lit(SyntheticNoseGenerator.DogPattern dog, int photo, SplittableRandom r) {
        double[] jitter = new double[1];
        Capture c = captureOf(dog.index(), photo, jitter);
        return lit(dog, c, jitter[0], r);
    }

    private Lit lit(SyntheticNoseGenerator.DogPattern dog, Capture c, double j, SplittableRandom r) {
        double[][] pigment = NosePatternV2.pigments(rnd(dog.index(), -2));
        Mat deformed = NosePatternV2.deform(dog.canonical(), new SplittableRandom(c.deformSeed()), p.deform(),
                r, j);
        Mat colour = NosePatternV2.shade(deformed, c.lightAngle() + j * (r.nextDouble() - 0.5) * 0.2,
                c.lightElevation(), pigment, p, r);
        Mat mask = new Mat();
        Core.extractChannel(deformed, mask, 3);
        Reference.reachabilityFence(deformed);
        return new Lit(colour, mask);
    }

    /** The perspective view of the capture: rotation, zoom, crop window and tilt, jittered by the frame. */
    private static Mat view(Mat colour, Capture c, SplittableRandom r, double j, int shortSide) {
        int w = colour.cols();
        int h = colour.rows();
        double aspect = 1.15;
        double win = (c.partial() ? 0.45 : 0.62) / c.zoom();
        double ww = w * win;
        double wh = ww / aspect;
        double cx = w / 2.0 + (c.cx() + j * (r.nextDouble() - 0.5) * 0.03) * w;
        double cy = h / 2.0 + (c.cy() + j * (r.nextDouble() - 0.5) * 0.03) * h;
        double ang = c.rotation() + j * Math.toRadians((r.nextDouble() - 0.5) * 3);
        double[][] corners = {{-ww / 2, -wh / 2}, {ww / 2, -wh / 2}, {ww / 2, wh / 2}, {-ww / 2, wh / 2}};
        Point[] src = new Point[4];
        for (int i = 0; i < 4; i++) {
            double x = corners[i][0] * (1 + c.tilt()[2 * i] + j * (r.nextDouble() - 0.5) * 0.01);
            double y = corners[i][1] * (1 + c.tilt()[2 * i + 1] + j * (r.nextDouble() - 0.5) * 0.01);
            src[i] = new Point(cx + x * Math.cos(ang) - y * Math.sin(ang), cy + x * Math.sin(ang) + y * Math.cos(ang));
        }
        int outW = (int) Math.round(shortSide * aspect);
        Point[] dst = {new Point(0, 0), new Point(outW, 0), new Point(outW, shortSide), new Point(0, shortSide)};
        MatOfPoint2f srcMat = new MatOfPoint2f(src);
        MatOfPoint2f dstMat = new MatOfPoint2f(dst);
        Mat hmg = Imgproc.getPerspectiveTransform(srcMat, dstMat);
        Reference.reachabilityFence(srcMat);
        Reference.reachabilityFence(dstMat);
        Mat img = new Mat();
        Imgproc.warpPerspective(colour, img, hmg, new Size(outW, shortSide), Imgproc.INTER_AREA,
                Core.BORDER_REFLECT_101);
        Reference.reachabilityFence(hmg);
        return img;
    }

    /** Blur that grows along one direction of the frame (the focus plane is not the nose's). */
    static void focusBlur(Mat img, double sigma, double angle, double spread) {
        double s0 = Math.max(0.3, sigma * (1 - spread * 0.5));
        double s1 = Math.max(0.3, sigma * (1 + spread));
        Mat a = new Mat();
        Mat b = new Mat();
        Imgproc.GaussianBlur(img, a, new Size(0, 0), s0);
        Imgproc.GaussianBlur(img, b, new Size(0, 0), s1);
        int w = img.cols();
        int h = img.rows();
        float[] fa = new float[w * h * 3];
        float[] fb = new float[w * h * 3];
        a.get(0, 0, fa);
        b.get(0, 0, fb);
        double ca = Math.cos(angle);
        double sa = Math.sin(angle);
        double diag = Math.hypot(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = 0.5 + ((x - w / 2.0) * ca + (y - h / 2.0) * sa) / diag * 1.2;
                t = Math.max(0, Math.min(1, t));
                int o = (y * w + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    fa[o + ch] = (float) (fa[o + ch] * (1 - t) + fb[o + ch] * t);
                }
            }
        }
        img.put(0, 0, fa);
        Reference.reachabilityFence(a);
        Reference.reachabilityFence(b);
    }

    /** Exposure to the capture's luminance, colour cast, highlights' clipping, sensor noise and JPEG. */
    private Mat finish(Mat img, Capture c, SplittableRandom r, double j) {
        int w = img.cols();
        int h = img.rows();
        float[] buf = new float[w * h * 3];
        img.get(0, 0, buf);
        double sum = 0;
        for (int i = 0; i < buf.length; i += 3) {
            sum += 0.114 * buf[i] + 0.587 * buf[i + 1] + 0.299 * buf[i + 2];
        }
        double mean = Math.max(1e-4, sum / (w * h));
        double target = c.luminance() * (1 + j * (r.nextDouble() - 0.5) * 0.1) / 255.0;
        double gain = target / mean;
        double noise = p.noise() * (0.25 + 0.75 * r.nextDouble()) / 255.0;
        for (int i = 0; i < buf.length; i += 3) {
            for (int ch = 0; ch < 3; ch++) {
                double v = buf[i + ch] * gain * c.cast()[ch] + r.nextGaussian() * noise;
                buf[i + ch] = (float) (Math.max(0, Math.min(1, v)) * 255);
            }
        }
        Reference.reachabilityFence(img);
        return PhoneCamera.jpeg(buf, w, h, 45 + r.nextInt(48));
    }
}
