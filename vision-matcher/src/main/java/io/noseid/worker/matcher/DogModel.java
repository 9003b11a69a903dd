package io.noseid.worker.matcher;

import smile.classification.LinearSVM;
import smile.classification.SVM;

import java.util.List;

/**
 * One dog's one-vs-rest linear SVM over coarse BoW histograms, trained against the vocabulary's fixed negative pool:
 * enrolling a dog trains only its own model, so the cost does not grow with the gallery.
 *
 * @param weights one weight per coarse word
 * @param bias    intercept
 */
public record DogModel(float[] weights, float bias) {

    /** All-zero weights: what a dog enrolled while the SVM is switched off stores. */
    public static DogModel untrained(Vocabulary vocabulary) {
        return new DogModel(new float[vocabulary.coarseDimension()], 0f);
    }

    public static DogModel train(Vocabulary vocabulary, List<NoseTemplate> photos, double c) {
        float[][] negatives = vocabulary.negativePool();
        int dim = vocabulary.coarseDimension();
        int n = photos.size() + negatives.length;
        double[][] x = new double[n][];
        int[] y = new int[n];
        int r = 0;
        for (NoseTemplate t : photos) {
            x[r] = toDouble(vocabulary.coarseHistogram(t.words()));
            y[r++] = 1;
        }
        for (float[] neg : negatives) {
            x[r] = toDouble(neg);
            y[r++] = -1;
        }
        if (negatives.length == 0 || photos.isEmpty()) {
            return untrained(vocabulary);
        }
        LinearSVM svm = SVM.fit(x, y, new SVM.Options(c, 1e-3, 2));
        double[] w = svm.weights();
        float[] wf = new float[dim];
        for (int i = 0; i < dim; i++) {
            wf[i] = (float) w[i];
        }
        return new DogModel(wf, (float) svm.intercept());
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
