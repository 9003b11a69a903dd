package io.noseid.worker.matcher.eval;

import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.TermCriteria;
import org.opencv.features2d.SIFT;
import org.opencv.imgproc.Imgproc;
import smile.classification.OneVersusRest;
import smile.classification.SVM;
import smile.math.kernel.GaussianKernel;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The original design, as the baseline printed beside the matcher: CLAHE clip 3.0 on 8x8 tiles at the
 * photo's own size, 200 SIFT keypoints, a 100-word K-means vocabulary trained on the enrolled photos, L1-normalised
 * histograms, one RBF SVM (C = 100) per dog against the rest with Platt-scaled probabilities; the most probable dog
 * is the answer and its probability the score.
 */
public final class OriginalDesign {

    static final int WORDS = 100;

    private Mat centers;
    private OneVersusRest<double[]> model;
    private int classes;

    /** Plain SIFT descriptors (n x 128) of a crop: CLAHE 3.0 on 8x8 tiles, 200 SIFT keypoints, no resizing. */
    public static float[] features(Mat bgr) {
        OpenCv.ensureLoaded();
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        return FeatureExtractor.equalisedSift(gray, 3.0, 8, SIFT.create(200)).descriptors();
    }

    /** Trains vocabulary and SVMs on the enrolled photos: {@code photos.get(dog)} holds that dog's descriptors. */
    public void train(List<List<float[]>> photos, long seed) {
        List<float[]> all = new ArrayList<>();
        photos.forEach(all::addAll);
        int total = all.stream().mapToInt(a -> a.length / 128).sum();
        Random rnd = new Random(seed);
        double keep = Math.min(1, 60_000.0 / Math.max(1, total));
        List<float[]> sample = new ArrayList<>();
        for (float[] d : all) {
            for (int i = 0; i < d.length / 128; i++) {
                if (rnd.nextDouble() < keep) {
                    sample.add(Arrays.copyOfRange(d, i * 128, (i + 1) * 128));
                }
            }
        }
        Mat data = new Mat(sample.size(), 128, CvType.CV_32F);
        for (int i = 0; i < sample.size(); i++) {
            data.put(i, 0, sample.get(i));
        }
        centers = new Mat();
        Core.setRNGSeed((int) seed);
        Mat labels = new Mat();
        Core.kmeans(data, WORDS, labels, new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 30, 1e-4), 1,
                Core.KMEANS_PP_CENTERS, centers);
        Reference.reachabilityFence(labels);
        data.release();
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int dog = 0; dog < photos.size(); dog++) {
            for (float[] d : photos.get(dog)) {
                x.add(histogram(d));
                y.add(dog);
            }
        }
        double[][] xa = x.toArray(double[][]::new);
        int[] ya = y.stream().mapToInt(Integer::intValue).toArray();
        double sigma = medianDistance(xa, rnd);
        classes = photos.size();
        model = OneVersusRest.fit(xa, ya,
                (xx, yy) -> SVM.fit(xx, yy, new GaussianKernel(sigma), new SVM.Options(100)));
    }

    private static double medianDistance(double[][] x, Random rnd) {
        double[] d = new double[2000];
        for (int i = 0; i < d.length; i++) {
            double[] a = x[rnd.nextInt(x.length)];
            double[] b = x[rnd.nextInt(x.length)];
            double s = 0;
            for (int k = 0; k < a.length; k++) {
                s += (a[k] - b[k]) * (a[k] - b[k]);
            }
            d[i] = Math.sqrt(s);
        }
        Arrays.sort(d);
        return Math.max(1e-3, d[d.length / 2]);
    }

    double[] histogram(float[] desc) {
        double[] h = new double[WORDS];
        int n = desc.length / 128;
        float[] c = new float[WORDS * 128];
        centers.get(0, 0, c);
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bd = Double.MAX_VALUE;
            for (int w = 0; w < WORDS; w++) {
                double s = 0;
                for (int k = 0; k < 128; k++) {
                    double t = desc[i * 128 + k] - c[w * 128 + k];
                    s += t * t;
                }
                if (s < bd) {
                    bd = s;
                    best = w;
                }
            }
            h[best] += 1;
        }
        if (n > 0) {
            for (int w = 0; w < WORDS; w++) {
                h[w] /= n;
            }
        }
        return h;
    }

    /** Most probable dog and its probability. */
    public Prediction predict(float[] desc) {
        double[] post = new double[classes];
        int label = model.predict(histogram(desc), post);
        return new Prediction(label, post[label]);
    }

    public record Prediction(int dog, double probability) {
    }

    /**
     * The original design on the evaluate command's photos: trained on the first {@code enrol} photos of each
     * genuine dog, probed with the rest and with every impostor photo.
     */
    static OpenSetMetrics evaluate(int enrol, List<DogFeatures> genuineF, List<DogFeatures> impostorF,
                                   ExecutorService pool) throws Exception {
        System.out.println("original design: training 100-word vocabulary and RBF SVMs on " + genuineF.size()
                + " dogs");
        OriginalDesign od = new OriginalDesign();
        List<List<float[]>> train = new ArrayList<>();
        for (DogFeatures f : genuineF) {
            train.add(f.baseline().subList(0, enrol));
        }
        od.train(train, 7);
        record Job(boolean genuine, int truth, float[] desc) {
        }
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < genuineF.size(); i++) {
            List<float[]> b = genuineF.get(i).baseline();
            for (int k = enrol; k < b.size(); k++) {
                jobs.add(new Job(true, i, b.get(k)));
            }
        }
        for (DogFeatures f : impostorF) {
            for (float[] b : f.baseline()) {
                jobs.add(new Job(false, -1, b));
            }
        }
        Progress progress = new Progress("original design", jobs.size());
        List<Future<OriginalDesign.Prediction>> fs = new ArrayList<>();
        for (Job j : jobs) {
            fs.add(pool.submit(() -> {
                OriginalDesign.Prediction p = od.predict(j.desc());
                progress.step();
                return p;
            }));
        }
        List<OpenSetMetrics.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            OriginalDesign.Prediction p = fs.get(i).get();
            Job j = jobs.get(i);
            outcomes.add(new OpenSetMetrics.Outcome(j.genuine(), j.genuine() && p.dog() == j.truth(),
                    p.probability(), j.genuine() && p.dog() == j.truth() ? 0 : -1));
        }
        progress.done();
        return new OpenSetMetrics(outcomes);
    }
}
