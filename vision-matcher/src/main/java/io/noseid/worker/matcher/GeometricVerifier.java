package io.noseid.worker.matcher;

import java.util.SplittableRandom;

/**
 * Ratio-test matching of RootSIFT descriptors, made one-to-one, then a RANSAC similarity fit whose inlier count is
 * the verification evidence. The fit must have a plausible scale and cannot mirror (a similarity of the form
 * [a -b; b a] never flips): measured on real noses, without these constraints a richly textured gallery photo became a
 * hub that blurred impostor probes matched with dozens of false inliers.
 */
public final class GeometricVerifier {

    private static final int DIM = Vocabulary.DIM;
    private final MatcherSettings settings;

    public GeometricVerifier(MatcherSettings settings) {
        this.settings = settings;
    }

    /** A probe prepared once per request: its descriptors as floats. */
    public record Probe(NoseTemplate template, float[] descriptors) {
        public static Probe of(NoseTemplate t) {
            return new Probe(t, t.descriptorFloats());
        }
    }

    /** Inliers of the best plausible similarity between the probe and one gallery photo. */
    public int inliers(Probe probe, NoseTemplate gallery, float[] galleryDescriptors) {
        int n = probe.template().keypointCount();
        int m = gallery.keypointCount();
        if (n < 2 || m < 2) {
            return 0;
        }
        float[] a = probe.descriptors();
        float[] b = galleryDescriptors;
        int[] bestJ = new int[n];
        float[] bestD = new float[n];
        double r2 = settings.ratio() * settings.ratio();
        for (int i = 0; i < n; i++) {
            int ai = i * DIM;
            float s1 = -1f;
            float s2 = -1f;
            int j1 = -1;
            for (int j = 0; j < m; j++) {
                int bj = j * DIM;
                float d0 = 0;
                float d1 = 0;
                float d2 = 0;
                float d3 = 0;
                for (int k = 0; k < DIM; k += 4) {
                    d0 += a[ai + k] * b[bj + k];
                    d1 += a[ai + k + 1] * b[bj + k + 1];
                    d2 += a[ai + k + 2] * b[bj + k + 2];
                    d3 += a[ai + k + 3] * b[bj + k + 3];
                }
                float s = (d0 + d1) + (d2 + d3);
                if (s > s1) {
                    s2 = s1;
                    s1 = s;
                    j1 = j;
                } else if (s > s2) {
                    s2 = s;
                }
            }
            // Unit vectors: squared distance is 2 - 2 * dot.
            double dist1 = Math.max(0, 2 - 2 * s1);
            double dist2 = Math.max(0, 2 - 2 * s2);
            if (j1 >= 0 && dist1 < r2 * dist2) {
                bestJ[i] = j1;
                bestD[i] = (float) dist1;
            } else {
                bestJ[i] = -1;
            }
        }
        // One-to-one: a gallery keypoint keeps only its closest probe keypoint.
        int[] owner = new int[m];
        java.util.Arrays.fill(owner, -1);
        for (int i = 0; i < n; i++) {
            int j = bestJ[i];
            if (j >= 0 && (owner[j] < 0 || bestD[i] < bestD[owner[j]])) {
                owner[j] = i;
            }
        }
        int count = 0;
        for (int j = 0; j < m; j++) {
            if (owner[j] >= 0) {
                count++;
            }
        }
        if (count < 2) {
            return count;
        }
        float[] px = new float[count];
        float[] py = new float[count];
        float[] gx = new float[count];
        float[] gy = new float[count];
        float[] pk = probe.template().keypoints();
        float[] gk = gallery.keypoints();
        int c = 0;
        for (int j = 0; j < m; j++) {
            int i = owner[j];
            if (i >= 0) {
                px[c] = pk[i * 4];
                py[c] = pk[i * 4 + 1];
                gx[c] = gk[j * 4];
                gy[c] = gk[j * 4 + 1];
                c++;
            }
        }
        return ransacSimilarity(px, py, gx, gy);
    }

    int ransacSimilarity(float[] px, float[] py, float[] gx, float[] gy) {
        return ransacSimilarity(px, py, gx, gy, settings.ransacIterations());
    }

    int ransacSimilarity(float[] px, float[] py, float[] gx, float[] gy, int maxIter) {
        int n = px.length;
        double tol2 = settings.inlierTolerance() * settings.inlierTolerance();
        double minS2 = settings.minScale() * settings.minScale();
        double maxS2 = settings.maxScale() * settings.maxScale();
        SplittableRandom rnd = new SplittableRandom(0x5EED);
        int best = Math.min(1, n);
        for (int it = 0; it < maxIter; it++) {
            int i1 = rnd.nextInt(n);
            int i2 = rnd.nextInt(n - 1);
            if (i2 >= i1) {
                i2++;
            }
            double dpx = px[i2] - px[i1];
            double dpy = py[i2] - py[i1];
            double dgx = gx[i2] - gx[i1];
            double dgy = gy[i2] - gy[i1];
            double l2 = dpx * dpx + dpy * dpy;
            if (l2 < 25) {
                continue;
            }
            double a = (dgx * dpx + dgy * dpy) / l2;
            double b = (dgy * dpx - dgx * dpy) / l2;
            double s2 = a * a + b * b;
            if (s2 < minS2 || s2 > maxS2) {
                continue;
            }
            double tx = gx[i1] - (a * px[i1] - b * py[i1]);
            double ty = gy[i1] - (b * px[i1] + a * py[i1]);
            int inl = 0;
            for (int k = 0; k < n; k++) {
                double ex = a * px[k] - b * py[k] + tx - gx[k];
                double ey = b * px[k] + a * py[k] + ty - gy[k];
                if (ex * ex + ey * ey <= tol2) {
                    inl++;
                }
            }
            if (inl > best) {
                best = inl;
                double w = inl / (double) n;
                double needed = Math.log(settings.ransacMissProbability()) / Math.log(1 - w * w);
                if (needed < it) {
                    break;
                }
            }
        }
        return best;
    }
}
