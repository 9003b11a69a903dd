package io.noseid.worker.matcher;

import java.util.SplittableRandom;

/**
 * Ratio-test matching of RootSIFT descriptors, made one-to-one, then a RANSAC similarity fit whose inlier count is
 * the verification evidence. The fit must have a plausible scale and cannot mirror (a similarity of the form
 * [a -b; b a] never flips): measured on real noses, without these constraints a richly textured gallery photo became a
 * hub that blurred impostor probes matched with dozens of false inliers. AKAZE points, when a template has them, are
 * matched the same way by Hamming distance and fitted on their own: their inliers are further evidence.
 */
public final class GeometricVerifier {

    private static final int DIM = Vocabulary.DIM;
    private final MatcherSettings settings;

    public GeometricVerifier(MatcherSettings settings) {
        this.settings = settings;
    }

    /** Whether descriptor matching runs in SIMD ({@link DescriptorDots}). */
    public static boolean simd() {
        return DescriptorDots.SIMD;
    }

    /** Longs per packed AKAZE descriptor (61 bytes padded to 64). */
    static final int AKAZE_LONGS = 8;

    /** A probe prepared once per request: its descriptors as floats, its AKAZE descriptors packed. */
    public record Probe(NoseTemplate template, float[] descriptors, long[] akazeBits) {
        public static Probe of(NoseTemplate t) {
            return new Probe(t, t.descriptorFloats(), packAkaze(t));
        }
    }

    /** AKAZE descriptors as {@link #AKAZE_LONGS} longs each, for counting differing bits 64 at a time. */
    public static long[] packAkaze(NoseTemplate t) {
        int n = t.akazeCount();
        byte[] b = t.akazeDescriptors();
        long[] packed = new long[n * AKAZE_LONGS];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < NoseTemplate.AKAZE_BYTES; k++) {
                packed[i * AKAZE_LONGS + k / 8] |= (b[i * NoseTemplate.AKAZE_BYTES + k] & 0xffL) << (8 * (k % 8));
            }
        }
        return packed;
    }

    /** Inliers of the best plausible similarity between the probe's and one gallery photo's AKAZE points. */
    public int akazeInliers(Probe probe, NoseTemplate gallery, long[] galleryBits) {
        int n = probe.template().akazeCount();
        int m = gallery.akazeCount();
        if (n < 2 || m < 2) {
            return 0;
        }
        long[] a = probe.akazeBits();
        int[] bestJ = new int[n];
        float[] bestD = new float[n];
        double ratio = settings.ratio();
        for (int i = 0; i < n; i++) {
            int ai = i * AKAZE_LONGS;
            int d1 = Integer.MAX_VALUE;
            int d2 = Integer.MAX_VALUE;
            int j1 = -1;
            for (int j = 0; j < m; j++) {
                int bj = j * AKAZE_LONGS;
                int d = 0;
                for (int k = 0; k < AKAZE_LONGS; k++) {
                    d += Long.bitCount(a[ai + k] ^ galleryBits[bj + k]);
                }
                if (d < d1) {
                    d2 = d1;
                    d1 = d;
                    j1 = j;
                } else if (d < d2) {
                    d2 = d;
                }
            }
            if (j1 >= 0 && d1 < ratio * d2) {
                bestJ[i] = j1;
                bestD[i] = d1;
            } else {
                bestJ[i] = -1;
            }
        }
        return fitOneToOne(bestJ, bestD, m, probe.template().akazePoints(), gallery.akazePoints(), 2).inliers();
    }

    /** Inliers of the best plausible similarity between the probe and one gallery photo. */
    public int inliers(Probe probe, NoseTemplate gallery, float[] galleryDescriptors) {
        return match(probe, gallery, galleryDescriptors).inliers();
    }

    /** The best plausible similarity between the probe and one gallery photo, with what the SVM verifier weighs. */
    public PairMatch match(Probe probe, NoseTemplate gallery, float[] galleryDescriptors) {
        int n = probe.template().keypointCount();
        int m = gallery.keypointCount();
        if (n < 2 || m < 2) {
            return PairMatch.NONE;
        }
        float[] a = probe.descriptors();
        float[] b = galleryDescriptors;
        int[] bestJ = new int[n];
        float[] bestD = new float[n];
        double r2 = settings.ratio() * settings.ratio();
        float[] top2 = new float[2];
        for (int i = 0; i < n; i++) {
            int j1 = DescriptorDots.bestTwo(a, i * DIM, b, m, top2);
            float s1 = top2[0];
            float s2 = top2[1];
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
        return fitOneToOne(bestJ, bestD, m, probe.template().keypoints(), gallery.keypoints(), 4);
    }

    /**
     * Makes the ratio-test matches one-to-one (a gallery keypoint keeps only its closest probe keypoint) and fits the
     * similarity; keypoint positions are the first two of every {@code stride} floats.
     */
    private PairMatch fitOneToOne(int[] bestJ, float[] bestD, int m, float[] pk, float[] gk, int stride) {
        int n = bestJ.length;
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
            return new PairMatch(count, count, 1, 0, 0);
        }
        float[] px = new float[count];
        float[] py = new float[count];
        float[] gx = new float[count];
        float[] gy = new float[count];
        int c = 0;
        for (int j = 0; j < m; j++) {
            int i = owner[j];
            if (i >= 0) {
                px[c] = pk[i * stride];
                py[c] = pk[i * stride + 1];
                gx[c] = gk[j * stride];
                gy[c] = gk[j * stride + 1];
                c++;
            }
        }
        return describe(px, py, gx, gy, bestSimilarity(px, py, gx, gy, settings.ransacIterations()));
    }

    int ransacSimilarity(float[] px, float[] py, float[] gx, float[] gy) {
        return ransacSimilarity(px, py, gx, gy, settings.ransacIterations());
    }

    int ransacSimilarity(float[] px, float[] py, float[] gx, float[] gy, int maxIter) {
        return (int) bestSimilarity(px, py, gx, gy, maxIter)[0];
    }

    /**
     * The fit's scale, rotation and how much of the probe's matched area its inliers span (the inliers' bounding box
     * over that of every tentative match): inliers bunched in one corner are weaker evidence than the same count
     * spread over the nose.
     */
    private PairMatch describe(float[] px, float[] py, float[] gx, float[] gy, double[] fit) {
        int inliers = (int) fit[0];
        int n = px.length;
        if (Double.isNaN(fit[1])) {
            return new PairMatch(inliers, n, 1, 0, 0);
        }
        double a = fit[1];
        double b = fit[2];
        double tol2 = settings.inlierTolerance() * settings.inlierTolerance();
        float minX = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, minY = Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
        float inMinX = Float.MAX_VALUE, inMaxX = -Float.MAX_VALUE, inMinY = Float.MAX_VALUE, inMaxY = -Float.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            minX = Math.min(minX, px[k]);
            maxX = Math.max(maxX, px[k]);
            minY = Math.min(minY, py[k]);
            maxY = Math.max(maxY, py[k]);
            double ex = a * px[k] - b * py[k] + fit[3] - gx[k];
            double ey = b * px[k] + a * py[k] + fit[4] - gy[k];
            if (ex * ex + ey * ey <= tol2) {
                inMinX = Math.min(inMinX, px[k]);
                inMaxX = Math.max(inMaxX, px[k]);
                inMinY = Math.min(inMinY, py[k]);
                inMaxY = Math.max(inMaxY, py[k]);
            }
        }
        double all = (double) (maxX - minX) * (maxY - minY);
        double spanned = inMaxX < inMinX ? 0 : (double) (inMaxX - inMinX) * (inMaxY - inMinY);
        return new PairMatch(inliers, n, Math.sqrt(a * a + b * b), Math.toDegrees(Math.atan2(b, a)),
                all <= 0 ? 0 : Math.min(1, spanned / all));
    }

    /** RANSAC over similarities: {inliers, a, b, tx, ty} of the best plausible one (NaN parameters if none). */
    private double[] bestSimilarity(float[] px, float[] py, float[] gx, float[] gy, int maxIter) {
        int n = px.length;
        double tol2 = settings.inlierTolerance() * settings.inlierTolerance();
        double minS2 = settings.minScale() * settings.minScale();
        double maxS2 = settings.maxScale() * settings.maxScale();
        SplittableRandom rnd = new SplittableRandom(0x5EED);
        int best = Math.min(1, n);
        double[] fit = {best, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
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
                fit = new double[] {inl, a, b, tx, ty};
                double w = inl / (double) n;
                double needed = Math.log(settings.ransacMissProbability()) / Math.log(1 - w * w);
                if (needed < it) {
                    break;
                }
            }
        }
        return fit;
    }
}
