package io.noseid.worker.matcher.synthetic;

import io.noseid.worker.vision.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.lang.ref.Reference;
import java.util.SplittableRandom;

/**
 * Phone photos without a nose, of the kinds a detector confuses with one (issue 12): fur, eyes, mouths, tongues,
 * paw pads, ear skin, dark leather, carpets, woven textiles, other textures, blank frames and badly blurred frames.
 * The same phone camera as the close-ups ({@link PhoneCamera}); deterministic by seed and index; the kind cycles
 * with the index so every set holds all kinds.
 */
public final class NoNoseRenderer {

    public enum Kind { FUR, EYE, MOUTH, TONGUE, PAW, EAR, LEATHER, CARPET, TEXTILE, TEXTURE, BLANK, BLURRED }

    private final long seed;

    public NoNoseRenderer(long seed) {
        OpenCv.ensureLoaded();
        this.seed = seed;
    }

    public static Kind kind(int index) {
        return Kind.values()[Math.floorMod(index, Kind.values().length)];
    }

    public Mat render(int index) {
        SplittableRandom r = new SplittableRandom((seed * 0x9E3779B97F4A7C15L) ^ (index + 7) * 0xD1B54A32D192ED03L);
        Size frame = PhoneCamera.frame(r);
        Kind kind = kind(index);
        Mat scene = scene(kind, frame, r);
        double luminance = Math.max(30, Math.min(170, 90 * Math.exp(r.nextGaussian() * 0.35)));
        if (kind == Kind.BLURRED) {
            Imgproc.GaussianBlur(scene, scene, new Size(0, 0), Math.min(frame.width, frame.height)
                    * (0.02 + r.nextDouble() * 0.04));
        }
        Mat image = PhoneCamera.shoot(scene, r, Math.min(frame.width, frame.height) / 320.0, luminance, null);
        Reference.reachabilityFence(scene);
        return image;
    }

    private static Mat scene(Kind kind, Size frame, SplittableRandom r) {
        int w = (int) frame.width;
        int h = (int) frame.height;
        double side = Math.min(w, h);
        Point centre = new Point(w * (0.3 + r.nextDouble() * 0.4), h * (0.3 + r.nextDouble() * 0.4));
        return switch (kind) {
            case FUR -> Muzzle.fur(frame, new Point(w * r.nextDouble() * 1.6 - w * 0.3,
                    h * r.nextDouble() * 1.6 - h * 0.3), r);
            case EYE -> {
                Mat s = Muzzle.fur(frame, centre, r);
                Muzzle.eye(s, centre, side * (0.12 + r.nextDouble() * 0.22), r);
                yield s;
            }
            case MOUTH -> {
                Mat s = Muzzle.fur(frame, centre, r);
                Muzzle.mouth(s, new Point(centre.x, h * (0.05 + r.nextDouble() * 0.3)), side * (0.6 + r.nextDouble()),
                        Math.toRadians((r.nextDouble() - 0.5) * 40), r);
                yield s;
            }
            case TONGUE -> {
                Mat s = Muzzle.fur(frame, centre, r);
                Muzzle.tongue(s, centre, side * (0.25 + r.nextDouble() * 0.25), (r.nextDouble() - 0.5), r);
                yield s;
            }
            case PAW -> paw(frame, centre, side, r);
            case EAR -> ear(frame, r);
            case LEATHER -> surface(frame, Muzzle.pebbles(w, h, 0.8 + r.nextDouble() * 1.5,
                    0.08 + r.nextDouble() * 0.2, r.nextDouble() * 6.3, r), tone(r, 0.5), r, true);
            case CARPET -> carpet(frame, r);
            case TEXTILE -> textile(frame, r);
            case TEXTURE -> texture(frame, r);
            case BLANK -> {
                float[] g = Muzzle.smoothNoise(w, h, side, r);
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) (0.5 + g[i] * 0.3);
                }
                yield surface(frame, g, tone(r, 1), r, false);
            }
            case BLURRED -> r.nextBoolean() ? Muzzle.fur(frame, centre, r) : paw(frame, centre, side, r);
        };
    }

    private static double[] tone(SplittableRandom r, double saturation) {
        double[] c = new double[3];
        double base = 0.3 + r.nextDouble() * 0.6;
        for (int i = 0; i < 3; i++) {
            c[i] = base * (1 + (r.nextDouble() - 0.5) * saturation);
        }
        return c;
    }

    /** A grey field times a colour, with creases for leather. */
    private static Mat surface(Size frame, float[] grey, double[] colour, SplittableRandom r, boolean creases) {
        int w = (int) frame.width;
        int h = (int) frame.height;
        float[] out = new float[w * h * 3];
        for (int i = 0; i < grey.length; i++) {
            for (int c = 0; c < 3; c++) {
                out[i * 3 + c] = (float) (grey[i] * colour[c]);
            }
        }
        Mat s = new Mat(h, w, CvType.CV_32FC3);
        s.put(0, 0, out);
        if (creases) {
            for (int k = 0, n = r.nextInt(4); k < n; k++) {
                Imgproc.line(s, new Point(r.nextDouble() * w, r.nextDouble() * h),
                        new Point(r.nextDouble() * w, r.nextDouble() * h), new Scalar(0.02, 0.02, 0.02),
                        1 + r.nextInt(2), Imgproc.LINE_AA);
            }
        }
        return s;
    }

    /** Paw pads: dark pebbled rounded pads (one large, four toes) among fur. */
    private static Mat paw(Size frame, Point centre, double side, SplittableRandom r) {
        Mat s = Muzzle.fur(frame, centre, r);
        int w = (int) frame.width;
        int h = (int) frame.height;
        Mat pads = Mat.zeros(frame, CvType.CV_32F);
        double big = side * (0.18 + r.nextDouble() * 0.15);
        Imgproc.ellipse(pads, centre, new Size(big * 1.2, big), 0, 0, 360, new Scalar(1), -1, Imgproc.LINE_AA);
        for (int k = 0; k < 4; k++) {
            double a = Math.toRadians(-150 + k * 40 + (r.nextDouble() - 0.5) * 10);
            Point toe = new Point(centre.x + Math.cos(a) * big * 1.9, centre.y + Math.sin(a) * big * 1.7);
            Imgproc.ellipse(pads, toe, new Size(big * 0.45, big * 0.55), Math.toDegrees(a) + 90, 0, 360,
                    new Scalar(1), -1, Imgproc.LINE_AA);
        }
        Imgproc.GaussianBlur(pads, pads, new Size(0, 0), Math.max(1, big * 0.05));
        float[] grain = Muzzle.pebbles(w, h, 1 + r.nextDouble(), 1, r.nextDouble() * 6.3, r);
        float[] a = new float[w * h];
        pads.get(0, 0, a);
        float[] px = new float[w * h * 3];
        s.get(0, 0, px);
        double tone = 0.06 + r.nextDouble() * (r.nextDouble() < 0.2 ? 0.4 : 0.12);
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < 3; c++) {
                px[i * 3 + c] = (float) (px[i * 3 + c] * (1 - a[i]) + tone * grain[i] * (c == 2 ? 1.1 : 1) * a[i]);
            }
        }
        s.put(0, 0, px);
        Reference.reachabilityFence(pads);
        return s;
    }

    /** The inside of an ear: pink-beige skin with a few soft veins, fur at one side. */
    private static Mat ear(Size frame, SplittableRandom r) {
        int w = (int) frame.width;
        int h = (int) frame.height;
        float[] g = Muzzle.smoothNoise(w, h, Math.min(w, h) / 3.0, r);
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (0.8 + g[i] * 0.25);
        }
        Mat s = surface(frame, g, new double[]{0.5, 0.55, 0.78}, r, false);
        for (int k = 0; k < 3 + r.nextInt(4); k++) {
            Imgproc.line(s, new Point(r.nextDouble() * w, r.nextDouble() * h),
                    new Point(r.nextDouble() * w, r.nextDouble() * h), new Scalar(0.35, 0.3, 0.6), 2,
                    Imgproc.LINE_AA);
        }
        Imgproc.GaussianBlur(s, s, new Size(0, 0), 2);
        Mat fur = Muzzle.fur(frame, new Point(-w * 0.5, h * r.nextDouble()), r);
        Mat edge = Mat.zeros(frame, CvType.CV_32F);
        Imgproc.ellipse(edge, new Point(-w * 0.1, h / 2.0), new Size(w * (0.2 + r.nextDouble() * 0.3), h), 0, 0, 360,
                new Scalar(1), -1);
        Imgproc.GaussianBlur(edge, edge, new Size(0, 0), 4);
        float[] furPx = new float[w * h * 3];
        fur.get(0, 0, furPx);
        float[] a = new float[w * h];
        edge.get(0, 0, a);
        float[] px = new float[w * h * 3];
        s.get(0, 0, px);
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < 3; c++) {
                px[i * 3 + c] = px[i * 3 + c] * (1 - a[i]) + furPx[i * 3 + c] * a[i];
            }
        }
        s.put(0, 0, px);
        Reference.reachabilityFence(fur);
        Reference.reachabilityFence(edge);
        return s;
    }

    /** Loop-pile carpet: dense small loops of two or three yarn colours. */
    private static Mat carpet(Size frame, SplittableRandom r) {
        int w = (int) frame.width;
        int h = (int) frame.height;
        double[][] yarn = {tone(r, 0.8), tone(r, 0.8), tone(r, 0.8)};
        Mat s = new Mat(frame, CvType.CV_32FC3, new Scalar(yarn[0][0] * 0.5, yarn[0][1] * 0.5, yarn[0][2] * 0.5));
        double loop = 1.5 + r.nextDouble() * 3;
        int n = (int) (w * h / (loop * loop * 2));
        for (int k = 0; k < n; k++) {
            double[] c = yarn[r.nextInt(r.nextDouble() < 0.7 ? 1 : 3)];
            double v = 0.6 + r.nextDouble() * 0.6;
            Imgproc.circle(s, new Point(r.nextDouble() * w, r.nextDouble() * h), (int) Math.max(1, loop),
                    new Scalar(c[0] * v, c[1] * v, c[2] * v), 1, Imgproc.LINE_AA);
        }
        return s;
    }

    /** Woven cloth: warp and weft threads, some colour variation, a fold or two. */
    private static Mat textile(Size frame, SplittableRandom r) {
        int w = (int) frame.width;
        int h = (int) frame.height;
        double period = 3 + r.nextDouble() * 8;
        double twist = r.nextDouble() * Math.PI;
        double[] c1 = tone(r, 0.9);
        double[] c2 = r.nextDouble() < 0.5 ? c1 : tone(r, 0.9);
        float[] folds = Muzzle.smoothNoise(w, h, Math.min(w, h) / 2.0, r);
        float[] out = new float[w * h * 3];
        double cos = Math.cos(twist);
        double sin = Math.sin(twist);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (x * cos + y * sin) / period;
                double v = (-x * sin + y * cos) / period;
                boolean over = ((int) Math.floor(u) + (int) Math.floor(v)) % 2 == 0;
                double t = over ? Math.sin((u - Math.floor(u)) * Math.PI) : Math.sin((v - Math.floor(v)) * Math.PI);
                double[] c = over ? c1 : c2;
                int i = y * w + x;
                double shade = (0.55 + 0.45 * t) * (1 + folds[i] * 0.8);
                for (int ch = 0; ch < 3; ch++) {
                    out[i * 3 + ch] = (float) (c[ch] * shade);
                }
            }
        }
        Mat s = new Mat(h, w, CvType.CV_32FC3);
        s.put(0, 0, out);
        return s;
    }

    /** Stripes, checkers, gradients or blobs: the plain textures a lens may see. */
    private static Mat texture(Size frame, SplittableRandom r) {
        int w = (int) frame.width;
        int h = (int) frame.height;
        int style = r.nextInt(3);
        double period = 6 + r.nextDouble() * 40;
        double a = r.nextDouble() * Math.PI;
        float[] blobs = Muzzle.smoothNoise(w, h, 8 + r.nextDouble() * 40, r);
        float[] g = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (x * Math.cos(a) + y * Math.sin(a)) / period;
                double v = (-x * Math.sin(a) + y * Math.cos(a)) / period;
                int i = y * w + x;
                g[i] = (float) switch (style) {
                    case 0 -> 0.5 + 0.4 * Math.sin(u * Math.PI * 2);
                    case 1 -> ((int) Math.floor(u) + (int) Math.floor(v)) % 2 == 0 ? 0.8 : 0.25;
                    default -> 0.5 + blobs[i] * 1.2;
                };
            }
        }
        return surface(frame, g, tone(r, 1), r, false);
    }
}
