package io.noseid.worker.matcher.synthetic;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A dog's nose for generator v2, at canonical resolution (720 x 600, float, 4 channels): albedo, height of the beads
 * (0 in the grooves, rounded domes up to 1), pink pigment (0 = dark, 1 = pink; spotted noses mix) and the nose outline
 * (1 on the nose, 0 on fur), with a philtrum groove and two curved nostril slits with raised rims. Also the per-photo
 * steps that act on the canonical pattern: the soft nose's deformation and the lighting.
 */
final class NosePatternV2 {

    static final int W = 720;
    static final int H = 600;

    private NosePatternV2() {
    }

    static Mat render(SplittableRandom r, NoseParamsV2 p) {
        double base = p.beadRadius() * (0.85 + r.nextDouble() * 0.3);
        double[][] waves = new double[4][];
        for (int i = 0; i < 4; i++) {
            waves[i] = new double[]{(r.nextDouble() * 2 - 1) * 0.012, (r.nextDouble() * 2 - 1) * 0.012,
                    r.nextDouble() * Math.PI * 2, r.nextDouble()};
        }
        // Grid cells at least as wide as the largest spacing of two sites, so that the 3 x 3 cells around a site hold
        // every site too close to it; 16 px up to a bead radius of about 5.8 (the detector's close-ups keep it).
        int cell = Math.max(16, (int) Math.ceil(0.9 * 2 * base * 1.35));
        int gw = W / cell + 1;
        int gh = H / cell + 1;
        List<List<double[]>> grid = new ArrayList<>();
        for (int i = 0; i < gw * gh; i++) {
            grid.add(new ArrayList<>());
        }
        // Sites with a minimum spacing that varies smoothly: x, y, radius, albedo.
        int placed = 0;
        for (int attempt = 0; attempt < 150_000; attempt++) {
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
                    for (double[] s : grid.get(cy * gw + cx)) {
                        double min = 0.9 * (rad + s[2]);
                        if ((s[0] - x) * (s[0] - x) + (s[1] - y) * (s[1] - y) < min * min) {
                            ok = false;
                            break;
                        }
                    }
                }
            }
            if (ok) {
                grid.get(gy * gw + gx).add(new double[]{x, y, rad, 0.85 + r.nextDouble() * 0.3});
                placed++;
            }
        }
        int type = r.nextDouble() < p.pink() ? 1 + r.nextInt(2) : 0; // 0 dark, 1 pink, 2 spotted
        double[][] spots = new double[type == 2 ? 6 + r.nextInt(10) : 0][];
        for (int i = 0; i < spots.length; i++) {
            spots[i] = new double[]{r.nextDouble() * W, r.nextDouble() * H, 20 + r.nextDouble() * 60};
        }
        double nx = W * (0.19 + r.nextDouble() * 0.05);
        double ny = H * (0.60 + r.nextDouble() * 0.08);
        double nrx = W * (0.08 + r.nextDouble() * 0.03);
        double nry = H * (0.02 + r.nextDouble() * 0.015);
        double curve = 0.8 + r.nextDouble() * 0.8;
        double nang = Math.toRadians(10 + r.nextDouble() * 25);
        double philW = 2 + r.nextDouble() * 2;
        double philPhase = r.nextDouble() * 6;
        double groove = 1.0 + r.nextDouble() * 0.8;
        float[] out = new float[W * H * 4];
        for (int y = 0; y < H; y++) {
            double cxp = W / 2.0 + 3 * Math.sin(y / (double) H * 20 + philPhase);
            for (int x = 0; x < W; x++) {
                double d1 = Double.MAX_VALUE;
                double d2 = Double.MAX_VALUE;
                double[] s1 = null;
                int gx = x / cell;
                int gy = y / cell;
                for (int dy = -2; dy <= 2; dy++) {
                    int cy = gy + dy;
                    if (cy < 0 || cy >= gh) {
                        continue;
                    }
                    for (int dx = -2; dx <= 2; dx++) {
                        int cx = gx + dx;
                        if (cx < 0 || cx >= gw) {
                            continue;
                        }
                        for (double[] s : grid.get(cy * gw + cx)) {
                            double d = (s[0] - x) * (s[0] - x) + (s[1] - y) * (s[1] - y);
                            if (d < d1) {
                                d2 = d1;
                                d1 = d;
                                s1 = s;
                            } else if (d < d2) {
                                d2 = d;
                            }
                        }
                    }
                }
                double albedo = 1;
                double height = 0;
                if (s1 != null && d2 < Double.MAX_VALUE) {
                    double edge = (Math.sqrt(d2) - Math.sqrt(d1)) / 2;
                    double t = Math.min(1, Math.max(0, edge - groove * 0.5) / (s1[2] * 0.8));
                    height = Math.sqrt(t * (2 - t));
                    albedo = s1[3] * (1 - p.grooveDark() * (1 - smooth(0, groove * 2, edge)));
                }
                if (y > H * 0.55) {
                    double m = smooth(philW - 1, philW + 1.5, Math.abs(x - cxp));
                    height *= m;
                    albedo *= 0.5 + 0.5 * m;
                }
                double[] ah = {albedo, height};
                slit(ah, x, y, nx, ny, nrx, nry, curve, Math.cos(nang), Math.sin(nang));
                slit(ah, W - x, y, nx, ny, nrx, nry, curve, Math.cos(nang), Math.sin(nang));
                double pink = type == 1 ? 1 : 0;
                for (double[] s : spots) {
                    double d = Math.hypot(x - s[0], y - s[1]) / s[2];
                    pink = Math.max(pink, 1 - smooth(0.8, 1.1, d));
                }
                double ex = (x - W / 2.0) / (W * 0.37);
                double ey = (y - H * 0.5) / (H * 0.42);
                double shape = Math.pow(Math.abs(ex), 2.5) + Math.pow(Math.abs(ey), 2.5);
                int o = (y * W + x) * 4;
                out[o] = (float) ah[0];
                out[o + 1] = (float) ah[1];
                out[o + 2] = (float) pink;
                out[o + 3] = (float) (1 - smooth(0.9, 1.1, shape));
            }
        }
        Mat m = new Mat(H, W, CvType.CV_32FC4);
        m.put(0, 0, out);
        return m;
    }

    /** A curved nostril slit: dark inside, a smooth raised rim around it, no beads on the rim. */
    private static void slit(double[] ah, double x, double y, double cx, double cy, double rx, double ry,
                             double curve, double cos, double sin) {
        double dx = x - cx;
        double dy = y - cy;
        double u = (dx * cos + dy * sin) / rx;
        double w = (-dx * sin + dy * cos) / ry - curve * u * u * 2;
        double dist = Math.hypot(u, w / 3.0);
        if (dist > 1.6) {
            return;
        }
        double inside = 1 - smooth(0.8, 1.0, Math.hypot(u, w));
        double rim = Math.exp(-Math.pow((dist - 1.15) / 0.2, 2));
        ah[1] = (ah[1] * (1 - rim) + rim * 0.9) * (1 - inside);
        ah[0] = ah[0] * (1 - inside) + 0.08 * inside;
    }

    static double smooth(double e0, double e1, double x) {
        double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
        return t * t * (3 - 2 * t);
    }

    /** Dark pigment, pink pigment and fur colours of a dog (BGR, relative). */
    static double[][] pigments(SplittableRandom r) {
        double[][] dark = {{0.24, 0.24, 0.27}, {0.22, 0.30, 0.42}, {0.28, 0.28, 0.33}};
        double[] pink = {0.55 + r.nextDouble() * 0.1, 0.58, 0.85};
        double fur = 0.3 + r.nextDouble() * 0.6;
        return new double[][]{dark[r.nextInt(3)], pink, {fur * 0.8, fur * 0.9, fur}};
    }

    /**
     * The soft nose's local deformation: a smooth displacement field fixed by the capture ({@code capture}, amplitude
     * {@code amp} canonical px) plus a small one per frame, scaled by {@code jitter}.
     */
    static Mat deform(Mat canonical, SplittableRandom capture, double amp, SplittableRandom frame, double jitter) {
        int gw = 9;
        int gh = 8;
        float[] dx = new float[gw * gh];
        float[] dy = new float[gw * gh];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = (float) (capture.nextGaussian() * amp + frame.nextGaussian() * amp * 0.15 * jitter);
            dy[i] = (float) (capture.nextGaussian() * amp + frame.nextGaussian() * amp * 0.15 * jitter);
        }
        Mat sdx = new Mat(gh, gw, CvType.CV_32F);
        Mat sdy = new Mat(gh, gw, CvType.CV_32F);
        sdx.put(0, 0, dx);
        sdy.put(0, 0, dy);
        Mat mx = new Mat();
        Mat my = new Mat();
        Imgproc.resize(sdx, mx, new Size(W, H), 0, 0, Imgproc.INTER_CUBIC);
        Imgproc.resize(sdy, my, new Size(W, H), 0, 0, Imgproc.INTER_CUBIC);
        float[] bx = new float[W * H];
        float[] by = new float[W * H];
        mx.get(0, 0, bx);
        my.get(0, 0, by);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                bx[y * W + x] += x;
                by[y * W + x] += y;
            }
        }
        mx.put(0, 0, bx);
        my.put(0, 0, by);
        Mat out = new Mat();
        Imgproc.remap(canonical, out, mx, my, Imgproc.INTER_LINEAR, Core.BORDER_REFLECT_101);
        Reference.reachabilityFence(sdx);
        Reference.reachabilityFence(sdy);
        Reference.reachabilityFence(mx);
        Reference.reachabilityFence(my);
        return out;
    }

    /**
     * Lights the deformed pattern: the bead domes and the nose's own dome shaded by a light from {@code angle} at
     * {@code elevation}, wet highlights, pigment colours, and fur (fresh in every photo) outside the nose.
     */
    static Mat shade(Mat deformed, double angle, double elevation, double[][] pigment, NoseParamsV2 p,
                     SplittableRandom r) {
        List<Mat> ch = new ArrayList<>();
        Core.split(deformed, ch);
        Mat gx = new Mat();
        Mat gy = new Mat();
        Imgproc.Sobel(ch.get(1), gx, CvType.CV_32F, 1, 0, 3, 0.125);
        Imgproc.Sobel(ch.get(1), gy, CvType.CV_32F, 0, 1, 3, 0.125);
        Mat dome = new Mat();
        Imgproc.GaussianBlur(ch.get(3), dome, new Size(0, 0), 60);
        Mat bx = new Mat();
        Mat by = new Mat();
        Imgproc.Sobel(dome, bx, CvType.CV_32F, 1, 0, 3, 0.125);
        Imgproc.Sobel(dome, by, CvType.CV_32F, 0, 1, 3, 0.125);
        int n = W * H;
        float[] a = new float[n];
        float[] pk = new float[n];
        float[] mask = new float[n];
        float[] fgx = new float[n];
        float[] fgy = new float[n];
        float[] fbx = new float[n];
        float[] fby = new float[n];
        ch.get(0).get(0, 0, a);
        ch.get(2).get(0, 0, pk);
        ch.get(3).get(0, 0, mask);
        gx.get(0, 0, fgx);
        gy.get(0, 0, fgy);
        bx.get(0, 0, fbx);
        by.get(0, 0, fby);
        float[] fur = furTexture(r);
        double lx = Math.cos(angle) * Math.cos(elevation);
        double ly = Math.sin(angle) * Math.cos(elevation);
        double lz = Math.sin(elevation);
        double hx = lx;
        double hy = ly;
        double hz = lz + 1;
        double hn = Math.sqrt(hx * hx + hy * hy + hz * hz);
        hx /= hn;
        hy /= hn;
        hz /= hn;
        double k = p.relief() * 0.8;
        float[] out = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double nx = -fgx[i] * k - fbx[i] * 150;
            double ny = -fgy[i] * k - fby[i] * 150;
            double norm = Math.sqrt(nx * nx + ny * ny + 1);
            double dot = (nx * lx + ny * ly + lz) / norm;
            double diffuse = 0.25 + Math.max(0, dot);
            double spec = p.specular() * Math.pow(Math.max(0, (nx * hx + ny * hy + hz) / norm), 60);
            double m = mask[i];
            for (int c = 0; c < 3; c++) {
                double pig = pigment[0][c] * (1 - pk[i]) + pigment[1][c] * pk[i];
                double nose = a[i] * pig * diffuse + spec;
                double f = fur[i] * pigment[2][c] * (0.25 + Math.max(0, lz));
                out[i * 3 + c] = (float) (nose * m + f * (1 - m));
            }
        }
        Mat colour = new Mat(H, W, CvType.CV_32FC3);
        colour.put(0, 0, out);
        for (Mat c : ch) {
            Reference.reachabilityFence(c);
        }
        Reference.reachabilityFence(gx);
        Reference.reachabilityFence(gy);
        Reference.reachabilityFence(dome);
        Reference.reachabilityFence(bx);
        Reference.reachabilityFence(by);
        return colour;
    }

    /** Streaky fur noise, drawn per photo (fur moves, so it never matches between photos). */
    private static float[] furTexture(SplittableRandom r) {
        int w = W / 3;
        int h = H / 3;
        float[] noise = new float[w * h];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) r.nextGaussian();
        }
        Mat s = new Mat(h, w, CvType.CV_32F);
        s.put(0, 0, noise);
        Mat b = new Mat();
        Imgproc.GaussianBlur(s, b, new Size(0, 0), 0.6, 2.5);
        Mat big = new Mat();
        Imgproc.resize(b, big, new Size(W, H), 0, 0, Imgproc.INTER_CUBIC);
        float[] out = new float[W * H];
        big.get(0, 0, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.max(0.05, 0.5 + out[i] * 0.6);
        }
        Reference.reachabilityFence(s);
        Reference.reachabilityFence(b);
        Reference.reachabilityFence(big);
        return out;
    }
}
