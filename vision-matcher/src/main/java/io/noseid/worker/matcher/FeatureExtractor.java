package io.noseid.worker.matcher;

import io.noseid.worker.vision.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfKeyPoint;
import org.opencv.core.KeyPoint;
import org.opencv.core.Size;
import org.opencv.features2d.AKAZE;
import org.opencv.features2d.SIFT;
import org.opencv.imgproc.CLAHE;
import org.opencv.imgproc.Imgproc;

import java.lang.ref.Reference;

/**
 * Nose crop to {@link NoseTemplate}: grayscale, resize to the working size, CLAHE, SIFT, RootSIFT and visual words
 * (the words feed the shortlist index), and when configured the strongest AKAZE points of the same equalised image
 * (verification evidence only). Thread-safe: the OpenCV objects, which are not, live one per thread.
 */
public final class FeatureExtractor {

    private final MatcherSettings settings;
    private final Vocabulary vocabulary;
    private final ThreadLocal<SIFT> sift;
    private final ThreadLocal<CLAHE> clahe;
    private final ThreadLocal<AKAZE> akaze;

    public FeatureExtractor(MatcherSettings s, Vocabulary v) {
        OpenCv.ensureLoaded();
        this.settings = s;
        this.vocabulary = v;
        this.sift = ThreadLocal.withInitial(() -> sift(s));
        this.clahe = ThreadLocal.withInitial(
                () -> Imgproc.createCLAHE(s.claheClipLimit(), new Size(s.claheTiles(), s.claheTiles())));
        // M-LDB descriptors of full size (486 bits) on 3 channels, 4 octaves of 4 layers, PM G2 diffusion: OpenCV's
        // defaults except the threshold.
        this.akaze = ThreadLocal.withInitial(() -> AKAZE.create(AKAZE.DESCRIPTOR_MLDB, 0, 3,
                (float) s.akazeThreshold(), 4, 4, org.opencv.features2d.KAZE.DIFF_PM_G2));
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public NoseTemplate extract(Mat bgrNoseCrop) {
        if (bgrNoseCrop == null || bgrNoseCrop.empty()) {
            throw new IllegalArgumentException("empty nose crop");
        }
        Mat gray = normalise(bgrNoseCrop, settings.workingSize());
        Mat eq = new Mat();
        CLAHE c = clahe.get();
        c.apply(gray, eq);
        MatOfKeyPoint kps = new MatOfKeyPoint();
        Mat desc = new Mat();
        Mat mask = new Mat();
        SIFT detector = sift.get();
        detector.detectAndCompute(eq, mask, kps, desc);
        Reference.reachabilityFence(mask);
        float[] kp = toKeypointArray(kps);
        int n = kp.length / 4;
        float[] d = new float[n * Vocabulary.DIM];
        if (n > 0) {
            if (desc.type() != CvType.CV_32F) {
                desc.convertTo(desc, CvType.CV_32F);
            }
            desc.get(0, 0, d);
        }
        NoseTemplate sift = fromSiftDescriptors(vocabulary, kp, d);
        kps.release();
        desc.release();
        if (settings.akazeKeypoints() > 0) {
            sift = withAkaze(sift, eq);
        }
        gray.release();
        eq.release();
        return sift;
    }

    /** The strongest AKAZE points of the equalised image and their descriptors, added to the SIFT template. */
    private NoseTemplate withAkaze(NoseTemplate sift, Mat equalised) {
        AKAZE detector = akaze.get();
        MatOfKeyPoint found = new MatOfKeyPoint();
        detector.detect(equalised, found);
        KeyPoint[] all = found.toArray();
        found.release();
        if (all.length > settings.akazeKeypoints()) {
            java.util.Arrays.sort(all, (p, q) -> Float.compare(q.response, p.response));
            all = java.util.Arrays.copyOf(all, settings.akazeKeypoints());
        }
        MatOfKeyPoint kept = new MatOfKeyPoint(all);
        Mat desc = new Mat();
        detector.compute(equalised, kept, desc);
        Reference.reachabilityFence(detector);
        // compute() may drop points it cannot describe (too near the border): read back the ones it kept.
        KeyPoint[] described = kept.toArray();
        kept.release();
        int n = desc.rows() == described.length && desc.cols() == NoseTemplate.AKAZE_BYTES ? described.length : 0;
        float[] points = new float[n * 2];
        byte[] binary = new byte[n * NoseTemplate.AKAZE_BYTES];
        for (int i = 0; i < n; i++) {
            points[2 * i] = (float) described[i].pt.x;
            points[2 * i + 1] = (float) described[i].pt.y;
        }
        if (n > 0) {
            desc.get(0, 0, binary);
        }
        desc.release();
        return new NoseTemplate(sift.vocabularyVersion(), sift.keypoints(), sift.descriptors(), sift.words(), points,
                binary);
    }

    /** Grayscale and resized so the short side is {@code workingSize} pixels. */
    static Mat normalise(Mat image, int workingSize) {
        Mat gray = new Mat();
        switch (image.channels()) {
            case 1 -> image.copyTo(gray);
            case 3 -> Imgproc.cvtColor(image, gray, Imgproc.COLOR_BGR2GRAY);
            case 4 -> Imgproc.cvtColor(image, gray, Imgproc.COLOR_BGRA2GRAY);
            default -> throw new IllegalArgumentException("unsupported channel count " + image.channels());
        }
        if (gray.depth() != CvType.CV_8U) {
            gray.convertTo(gray, CvType.CV_8U);
        }
        double shortSide = Math.min(gray.cols(), gray.rows());
        double f = workingSize / shortSide;
        if (Math.abs(f - 1) > 1e-3) {
            Mat resized = new Mat();
            Imgproc.resize(gray, resized, new Size(Math.round(gray.cols() * f), Math.round(gray.rows() * f)), 0, 0,
                    f > 1 ? Imgproc.INTER_CUBIC : Imgproc.INTER_AREA);
            gray.release();
            gray = resized;
        }
        return gray;
    }

    private static float[] toKeypointArray(MatOfKeyPoint kps) {
        if (kps.empty()) {
            return new float[0];
        }
        float[] raw = new float[(int) kps.total() * 7];
        kps.get(0, 0, raw); // x, y, size, angle, response, octave, class_id
        float[] out = new float[(int) kps.total() * 4];
        for (int i = 0; i < kps.total(); i++) {
            System.arraycopy(raw, i * 7, out, i * 4, 4);
        }
        return out;
    }

    /** RootSIFT (L1 normalise, square root), byte quantisation and words. */
    static NoseTemplate fromSiftDescriptors(Vocabulary vocabulary, float[] keypoints, float[] sift) {
        int n = keypoints.length / 4;
        int dim = Vocabulary.DIM;
        byte[] q = new byte[n * dim];
        float[] root = new float[n * dim];
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            int o = i * dim;
            double l1 = 0;
            for (int j = 0; j < dim; j++) {
                l1 += Math.abs(sift[o + j]);
            }
            double inv = l1 > 0 ? 1 / l1 : 0;
            for (int j = 0; j < dim; j++) {
                int b = Math.round((float) Math.sqrt(Math.abs(sift[o + j]) * inv) * NoseTemplate.DESCRIPTOR_SCALE);
                b = Math.min(255, b);
                q[o + j] = (byte) b;
                root[o + j] = b / NoseTemplate.DESCRIPTOR_SCALE;
            }
            words[i] = vocabulary.quantize(root, o);
        }
        return new NoseTemplate(vocabulary.version(), keypoints, q, words);
    }

    /** RootSIFT floats of raw SIFT descriptors, for building a vocabulary. */
    public static float[] rootSift(float[] sift) {
        float[] out = new float[sift.length];
        int dim = Vocabulary.DIM;
        for (int o = 0; o < sift.length; o += dim) {
            double l1 = 0;
            for (int j = 0; j < dim; j++) {
                l1 += Math.abs(sift[o + j]);
            }
            double inv = l1 > 0 ? 1 / l1 : 0;
            for (int j = 0; j < dim; j++) {
                int b = Math.min(255, Math.round((float) Math.sqrt(Math.abs(sift[o + j]) * inv)
                        * NoseTemplate.DESCRIPTOR_SCALE));
                out[o + j] = b / NoseTemplate.DESCRIPTOR_SCALE;
            }
        }
        return out;
    }

    /** Raw SIFT of a crop with the given settings (vocabulary building and the original-design baseline use it). */
    private static SIFT sift(MatcherSettings s) {
        return SIFT.create(s.maxKeypoints(), s.siftOctaveLayers(), s.siftContrastThreshold(), s.siftEdgeThreshold(),
                s.siftSigma());
    }

    public static RawFeatures rawSift(Mat bgr, MatcherSettings s) {
        OpenCv.ensureLoaded();
        return equalisedSift(normalise(bgr, s.workingSize()), s.claheClipLimit(), s.claheTiles(), sift(s));
    }

    /**
     * CLAHE on a grey image, then SIFT keypoints and raw descriptors; releases {@code gray}. Shared with the
     * evaluation of the client's original design, which only differs in its settings.
     */
    public static RawFeatures equalisedSift(Mat gray, double claheClipLimit, int claheTiles, SIFT sift) {
        Mat eq = new Mat();
        CLAHE clahe = Imgproc.createCLAHE(claheClipLimit, new Size(claheTiles, claheTiles));
        clahe.apply(gray, eq);
        MatOfKeyPoint kps = new MatOfKeyPoint();
        Mat desc = new Mat();
        Mat mask = new Mat();
        sift.detectAndCompute(eq, mask, kps, desc);
        // A temporary's cleaner may free the native object while its method runs (that crashed the JVM): keep them
        // reachable until the native calls have returned.
        Reference.reachabilityFence(sift);
        Reference.reachabilityFence(clahe);
        Reference.reachabilityFence(mask);
        float[] kp = toKeypointArray(kps);
        float[] d = new float[kp.length / 4 * Vocabulary.DIM];
        if (d.length > 0) {
            desc.get(0, 0, d);
        }
        gray.release();
        eq.release();
        kps.release();
        desc.release();
        return new RawFeatures(kp, d);
    }

    /** Keypoints (x, y, size, angle) and raw SIFT descriptors (n x 128). */
    public record RawFeatures(float[] keypoints, float[] descriptors) {
    }
}
