package io.noseid.worker.matcher.synthetic;

import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic dog nose crops, deterministic by seed. Each dog has a stable pattern: beads as the cells of a Voronoi
 * tessellation of irregularly spaced sites (bead size varies smoothly over the nose), darker grooves of varying width
 * between them, domed bead shading, a nostril pair and a philtrum, in a per-dog pigment colour. Each photo of a dog
 * renders that pattern with its own variation: output short side 150 to 600 px (median about 240), rotation up to
 * +-30 degrees, perspective tilt, partial crops (a quarter of the photos show 50 to 70 % of the nose), Gaussian or
 * motion blur (some strong enough to erase small beads), uneven light with gain, gamma and colour cast, wet specular
 * highlights that differ per photo, sensor noise and JPEG compression at quality 35 to 90.
 * <p>
 * Limits: a flat pattern warped by a homography, so no 3-D curvature or self-occlusion of the nose; no fur, whiskers,
 * dirt or mucus over the beads; no out-of-focus depth gradient; beads do not deform between photos (real noses are
 * soft); the pattern statistics are a guess, not fitted to real noses; the crop always contains nose texture
 * (no detector failures). Figures on this data are therefore an upper bound for real photos.
 */
public final class SyntheticNoseGenerator {

    static final int W = 720;
    static final int H = 600;

    private final long seed;

    public SyntheticNoseGenerator(long seed) {
        OpenCv.ensureLoaded();
        this.seed = seed;
    }

    /** The stable pattern of one dog, rendered once at canonical resolution (BGR float 0..1). */
    public record DogPattern(int index, Mat canonical) {
    }

    private SplittableRandom rnd(long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L ^ (a + 1) * 0xC2B2AE3D27D4EB4FL ^ (b + 7) * 0x165667B19E3779F9L;
        return new SplittableRandom(h);
    }

    public DogPattern dog(int index) {
        SplittableRandom r = rnd(index, -1);
        // Smoothly varying bead radius: irregular cell sizes across the nose.
        double base = 8 + r.nextDouble() * 5;
        double[][] waves = new double[4][4];
        for (double[] w : waves) {
            w[0] = (r.nextDouble() * 2 - 1) * 0.012;
            w[1] = (r.nextDouble() * 2 - 1) * 0.012;
            w[2] = r.nextDouble() * Math.PI * 2;
            w[3] = r.nextDouble();
        }
        int cell = 40;
        int gw = W / cell + 1;
        int gh = H / cell + 1;
        List<List<Integer>> grid = new ArrayList<>();
        for (int i = 0; i < gw * gh; i++) {
            grid.add(new ArrayList<>());
        }
        List<double[]> sites = new ArrayList<>(); // x, y, radius, brightness, groove half-width
        for (int attempt = 0; attempt < 60_000; attempt++) {
            double x = r.nextDouble() * W;
            double y = r.nextDouble() * H;
            double f = 0;
            for (double[] w : waves) {
                f += w[3] * Math.sin(w[0] * x + w[1] * y + w[2]);
            }
            double rad = base * (1 + 0.35 * Math.tanh(f));
            int gx = (int) (x / cell);
            int gy = (int) (y / cell);
            boolean ok = true;
            for (int dy = -1; dy <= 1 && ok; dy++) {
                for (int dx = -1; dx <= 1 && ok; dx++) {
                    int cx = gx + dx;
                    int cy = gy + dy;
                    if (cx < 0 || cy < 0 || cx >= gw || cy >= gh) {
                        continue;
                    }
                    for (int k : grid.get(cy * gw + cx)) {
                        double[] s = sites.get(k);
                        double min = 0.9 * (rad + s[2]);
                        if ((s[0] - x) * (s[0] - x) + (s[1] - y) * (s[1] - y) < min * min) {
                            ok = false;
                            break;
                        }
                    }
                }
            }
            if (ok) {
                grid.get(gy * gw + gx).add(sites.size());
                sites.add(new double[]{x, y, rad, 0.45 + r.nextDouble() * 0.35, 1.0 + r.nextDouble() * 1.6});
            }
        }
        // Nostrils and philtrum positions vary per dog.
        double nx = W * (0.20 + r.nextDouble() * 0.05);
        double ny = H * (0.62 + r.nextDouble() * 0.06);
        double nrx = W * (0.10 + r.nextDouble() * 0.04);
        double nry = H * (0.08 + r.nextDouble() * 0.04);
        double nang = Math.toRadians(15 + r.nextDouble() * 20);
        double philW = 3 + r.nextDouble() * 3;
        double philPhase = r.nextDouble() * 6;
        double[] tint = pigment(r);
        // Flat arrays for the per-pixel search (same sites, same visiting order as the grid lists).
        int[] cellStart = new int[gw * gh + 1];
        for (int i = 0; i < gw * gh; i++) {
            cellStart[i + 1] = cellStart[i] + grid.get(i).size();
        }
        int[] cellSites = new int[cellStart[gw * gh]];
        for (int i = 0; i < gw * gh; i++) {
            List<Integer> g = grid.get(i);
            for (int j = 0; j < g.size(); j++) {
                cellSites[cellStart[i] + j] = g.get(j);
            }
        }
        int ns = sites.size();
        double[] sx = new double[ns];
        double[] sy = new double[ns];
        for (int i = 0; i < ns; i++) {
            sx[i] = sites.get(i)[0];
            sy[i] = sites.get(i)[1];
        }
        float[] out = new float[W * H * 3];
        double nc = Math.cos(nang);
        double ns2 = Math.sin(nang);
        for (int y = 0; y < H; y++) {
            double py = y / (double) H;
            double cxp = W / 2.0 + 4 * Math.sin(py * 20 + philPhase);
            for (int x = 0; x < W; x++) {
                int gx = x / cell;
                int gy = y / cell;
                double d1 = Double.MAX_VALUE;
                double d2 = Double.MAX_VALUE;
                int k1 = -1;
                for (int dy = -1; dy <= 1; dy++) {
                    int cy = gy + dy;
                    if (cy < 0 || cy >= gh) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int cx = gx + dx;
                        if (cx < 0 || cx >= gw) {
                            continue;
                        }
                        int cidx = cy * gw + cx;
                        for (int q = cellStart[cidx]; q < cellStart[cidx + 1]; q++) {
                            int k = cellSites[q];
                            double ddx = sx[k] - x;
                            double ddy = sy[k] - y;
                            double d = ddx * ddx + ddy * ddy;
                            if (d < d1) {
                                d2 = d1;
                                d1 = d;
                                k1 = k;
                            } else if (d < d2) {
                                d2 = d;
                            }
                        }
                    }
                }
                d1 = Math.sqrt(d1);
                d2 = Math.sqrt(d2);
                double v;
                if (k1 < 0) {
                    v = 0.15;
                } else {
                    double[] s = sites.get(k1);
                    double edge = (d2 - d1) / 2;
                    double dome = 0.55 + 0.45 * Math.sqrt(Math.min(1, edge / s[2]));
                    double bead = s[3] * dome;
                    double g = smooth(s[4] - 0.8, s[4] + 0.8, edge);
                    v = 0.12 + (bead - 0.12) * g;
                }
                // Philtrum: a wavy vertical groove below the nose centre.
                if (py > 0.55) {
                    double m = smooth(philW - 1, philW + 1, Math.abs(x - cxp));
                    v = 0.1 + (v - 0.1) * m;
                }
                // Nostrils: two dark tilted ellipses, mirrored about the centre.
                v = nostril(v, x, y, nx, ny, nrx, nry, nc, ns2);
                v = nostril(v, x, y, W - nx, ny, nrx, nry, nc, -ns2);
                int o = (y * W + x) * 3;
                out[o] = (float) (v * tint[0]);
                out[o + 1] = (float) (v * tint[1]);
                out[o + 2] = (float) (v * tint[2]);
            }
        }
        Mat m = new Mat(H, W, CvType.CV_32FC3);
        m.put(0, 0, out);
        return new DogPattern(index, m);
    }

    private static double[] pigment(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> new double[]{0.55, 0.55, 0.58}; // black
            case 1 -> new double[]{0.45, 0.6, 0.85}; // liver / brown (BGR)
            default -> new double[]{0.6, 0.62, 0.7}; // slate
        };
    }

    private static double nostril(double v, double x, double y, double cx, double cy, double rx, double ry,
                                  double cos, double sin) {
        double dx = x - cx;
        double dy = y - cy;
        double u = (dx * cos + dy * sin) / rx;
        double w = (-dx * sin + dy * cos) / ry;
        double rr2 = u * u + w * w;
        if (rr2 > 1.2) {
            return v;
        }
        double rr = Math.sqrt(rr2);
        double inside = 1 - smooth(0.85, 1.05, rr);
        return v * (1 - inside) + 0.03 * inside;
    }

    private static double smooth(double e0, double e1, double x) {
        double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
        return t * t * (3 - 2 * t);
    }

    /** Photo {@code photo} of a dog: an 8-bit BGR nose crop. */
    public Mat photo(DogPattern dog, int photo) {
        SplittableRandom r = rnd(dog.index(), photo);
        double u = r.nextDouble();
        int shortSide = (int) Math.round(150 * Math.pow(4, Math.pow(u, 1.5)));
        boolean partial = r.nextDouble() < 0.25;
        double win = partial ? 0.42 + r.nextDouble() * 0.1 : 0.62 + r.nextDouble() * 0.06;
        double aspect = 1.0 + r.nextDouble() * 0.25;
        double ww = W * win;
        double wh = ww / aspect;
        double cx = W / 2.0 + (r.nextDouble() * 2 - 1) * (partial ? W * 0.14 : W * 0.04);
        double cy = H / 2.0 + (r.nextDouble() * 2 - 1) * (partial ? H * 0.12 : H * 0.04);
        double ang = Math.toRadians((r.nextDouble() * 2 - 1) * 30);
        double persp = 0.08;
        double[][] corners = {{-ww / 2, -wh / 2}, {ww / 2, -wh / 2}, {ww / 2, wh / 2}, {-ww / 2, wh / 2}};
        Point[] src = new Point[4];
        for (int i = 0; i < 4; i++) {
            double x = corners[i][0] * (1 + (r.nextDouble() * 2 - 1) * persp);
            double y = corners[i][1] * (1 + (r.nextDouble() * 2 - 1) * persp);
            src[i] = new Point(cx + x * Math.cos(ang) - y * Math.sin(ang), cy + x * Math.sin(ang) + y * Math.cos(ang));
        }
        int outW = (int) Math.round(shortSide * aspect);
        int outH = shortSide;
        Point[] dst = {new Point(0, 0), new Point(outW, 0), new Point(outW, outH), new Point(0, outH)};
        // Arguments stay in locals and fenced: a temporary Mat's finalizer could free it during the native call.
        MatOfPoint2f srcMat = new MatOfPoint2f(src);
        MatOfPoint2f dstMat = new MatOfPoint2f(dst);
        Mat hmg = Imgproc.getPerspectiveTransform(srcMat, dstMat);
        Reference.reachabilityFence(srcMat);
        Reference.reachabilityFence(dstMat);
        Mat img = new Mat();
        Imgproc.warpPerspective(dog.canonical(), img, hmg, new Size(outW, outH), Imgproc.INTER_AREA,
                Core.BORDER_REFLECT_101);
        double px = shortSide / 224.0;
        // Blur: mostly mild, sometimes strong, sometimes motion.
        double kind = r.nextDouble();
        if (kind < 0.75) {
            double sigma = (0.3 + r.nextDouble() * 1.2) * px;
            Imgproc.GaussianBlur(img, img, new Size(0, 0), sigma);
        } else if (kind < 0.9) {
            double sigma = (1.5 + r.nextDouble() * 0.9) * px;
            Imgproc.GaussianBlur(img, img, new Size(0, 0), sigma);
        } else {
            int len = Math.max(3, (int) Math.round((3 + r.nextDouble() * 4) * px)) | 1;
            Mat k = Mat.zeros(len, len, CvType.CV_32F);
            double a = r.nextDouble() * Math.PI;
            Imgproc.line(k, new Point(len / 2.0 - Math.cos(a) * len / 2.0, len / 2.0 - Math.sin(a) * len / 2.0),
                    new Point(len / 2.0 + Math.cos(a) * len / 2.0, len / 2.0 + Math.sin(a) * len / 2.0),
                    new Scalar(1), 1);
            Core.divide(k, new Scalar(Math.max(1e-6, Core.sumElems(k).val[0])), k);
            Imgproc.filter2D(img, img, -1, k);
            Reference.reachabilityFence(k);
        }
        // Uneven light: linear gradient and vignette, gain, gamma, colour cast.
        float[] buf = new float[outW * outH * 3];
        img.get(0, 0, buf);
        double la = r.nextDouble() * Math.PI * 2;
        double strength = 0.2 + r.nextDouble() * 0.6;
        double gain = 0.7 + r.nextDouble() * 0.8;
        double gamma = 0.7 + r.nextDouble() * 0.7;
        double[] cast = {0.9 + r.nextDouble() * 0.2, 0.9 + r.nextDouble() * 0.2, 0.9 + r.nextDouble() * 0.2};
        int spots = r.nextInt(7);
        double[][] spec = new double[spots][];
        for (int i = 0; i < spots; i++) {
            spec[i] = new double[]{r.nextDouble() * outW, r.nextDouble() * outH, (1.5 + r.nextDouble() * 5) * px,
                    0.3 + r.nextDouble() * 0.6};
        }
        double noise = (2 + r.nextDouble() * 8) / 255.0;
        double diag = Math.hypot(outW, outH);
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                double nxp = (x - outW / 2.0) / diag;
                double nyp = (y - outH / 2.0) / diag;
                double light = gain * (1 + strength * (nxp * Math.cos(la) + nyp * Math.sin(la)) * 2)
                        * (1 - 0.5 * (nxp * nxp + nyp * nyp));
                double hl = 0;
                for (double[] s : spec) {
                    double d2 = ((x - s[0]) * (x - s[0]) + (y - s[1]) * (y - s[1])) / (s[2] * s[2]);
                    if (d2 < 9) {
                        hl += s[3] * Math.exp(-d2);
                    }
                }
                int o = (y * outW + x) * 3;
                for (int c = 0; c < 3; c++) {
                    double v = Math.pow(Math.max(0, buf[o + c] * light * cast[c]), gamma) + hl
                            + r.nextGaussian() * noise;
                    buf[o + c] = (float) Math.max(0, Math.min(1, v)) * 255f;
                }
            }
        }
        Mat f = new Mat(outH, outW, CvType.CV_32FC3);
        f.put(0, 0, buf);
        Mat u8 = new Mat();
        f.convertTo(u8, CvType.CV_8UC3);
        int quality = 35 + r.nextInt(56);
        MatOfByte jpg = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
        Imgcodecs.imencode(".jpg", u8, jpg, params);
        Reference.reachabilityFence(params);
        Mat decoded = Imgcodecs.imdecode(jpg, Imgcodecs.IMREAD_COLOR);
        Reference.reachabilityFence(jpg);
        img.release();
        f.release();
        u8.release();
        hmg.release();
        return decoded;
    }

    /**
     * Writes a folder with one sub-folder per dog. Usage:
     * {@code SyntheticNoseGenerator --out DIR [--seed 2026] [--dogs 100] [--photos 6] [--first 0]}.
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path out = Path.of(a.getOrDefault("out", "target/synthetic-noses"));
        long seed = Long.parseLong(a.getOrDefault("seed", "2026"));
        int dogs = Integer.parseInt(a.getOrDefault("dogs", "100"));
        int photos = Integer.parseInt(a.getOrDefault("photos", "6"));
        int first = Integer.parseInt(a.getOrDefault("first", "0"));
        SyntheticNoseGenerator g = new SyntheticNoseGenerator(seed);
        for (int d = first; d < first + dogs; d++) {
            DogPattern p = g.dog(d);
            Path dir = out.resolve(String.format("dog-%05d", d));
            Files.createDirectories(dir);
            for (int k = 0; k < photos; k++) {
                Mat img = g.photo(p, k);
                MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 95);
                Imgcodecs.imwrite(dir.resolve("photo-" + k + ".jpg").toString(), img, params);
                Reference.reachabilityFence(params);
                img.release();
            }
            p.canonical().release();
            System.out.printf("\r%d/%d dogs", d - first + 1, dogs);
        }
        System.out.println();
    }
}
