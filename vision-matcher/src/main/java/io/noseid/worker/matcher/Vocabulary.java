package io.noseid.worker.matcher;

import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.TermCriteria;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Versioned visual vocabulary: a hierarchical K-means tree (vocabulary tree) over RootSIFT descriptors, its leaves are
 * the visual words. A tree quantises a descriptor with branching x depth comparisons instead of one per word, which is
 * what makes 10,000 words affordable per keypoint. It also carries the idf weight of each word (from the training
 * corpus, fixed so that enrolling a dog never changes other dogs' vectors) and a fixed pool of negative coarse
 * histograms against which every dog's one-vs-rest SVM is trained.
 * <p>
 * Built by the vocabulary command ({@code ./noseid vocabulary}, vision-tools), shipped as
 * {@code matcher/vocabulary-<version>.bin}; {@code matcher/vocabulary-default.txt} names the version in use.
 */
public final class Vocabulary {

    public static final int DIM = 128;
    private static final int MAGIC = 0x4E494456; // "NIDV"
    private static final int FORMAT = 1;

    private final String version;
    private final int branching;
    private final int depth;
    private final int coarseLevel;
    private final float[][] levels; // levels[l] holds branching^(l+1) centroids of DIM floats
    private final float[] idf;
    private final float[][] negativePool;

    Vocabulary(String version, int branching, int depth, int coarseLevel, float[][] levels, float[] idf,
               float[][] negativePool) {
        this.version = version;
        this.branching = branching;
        this.depth = depth;
        this.coarseLevel = coarseLevel;
        this.levels = levels;
        this.idf = idf;
        this.negativePool = negativePool;
    }

    public static Vocabulary loadDefault() {
        String version;
        try (InputStream in = resource("matcher/vocabulary-default.txt")) {
            version = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loadVersion(version);
    }

    public static Vocabulary loadVersion(String version) {
        try (InputStream in = resource("matcher/vocabulary-" + version + ".bin")) {
            Vocabulary v = read(in);
            if (!v.version.equals(version)) {
                throw new IllegalStateException("vocabulary resource " + version + " declares " + v.version);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Vocabulary.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + name);
        }
        return in;
    }

    public String version() {
        return version;
    }

    public int wordCount() {
        return idf.length;
    }

    public int coarseDimension() {
        return (int) Math.pow(branching, coarseLevel);
    }

    int branching() {
        return branching;
    }

    int depth() {
        return depth;
    }

    float[] idf() {
        return idf;
    }

    float[][] negativePool() {
        return negativePool;
    }

    /** Centroids of the leaves (the visual words), DIM floats per word. */
    float[] leafCentroids() {
        return levels[depth - 1];
    }

    /** Leaf word of the descriptor at {@code offset} in {@code desc}. */
    public int quantize(float[] desc, int offset) {
        int node = 0;
        for (int l = 0; l < depth; l++) {
            float[] c = levels[l];
            int first = node * branching;
            int best = first;
            float bestD = Float.MAX_VALUE;
            for (int k = first; k < first + branching; k++) {
                float d = squaredDistance(desc, offset, c, k);
                if (d < bestD) {
                    bestD = d;
                    best = k;
                }
            }
            node = best;
        }
        return node;
    }

    /**
     * The descriptor's word ({@link #quantize}'s greedy descent) first, then up to {@code k - 1} other leaves near it,
     * nearest first, each at most {@code maxRatio} times as far (Euclidean) as the nearest leaf found. A beam of
     * {@code k} nodes descends the tree, so a descriptor near the border of two branches finds leaves on both sides.
     */
    public int[] nearestWords(float[] desc, int offset, int k, double maxRatio) {
        return nearestWords(desc, offset, quantize(desc, offset), k, maxRatio);
    }

    /** {@link #nearestWords(float[], int, int, double)} for a descriptor whose word {@code own} is known already. */
    int[] nearestWords(float[] desc, int offset, int own, int k, double maxRatio) {
        if (k <= 1) {
            return new int[] {own};
        }
        int[] beam = {0};
        float[] beamD = null;
        for (int l = 0; l < depth; l++) {
            float[] c = levels[l];
            int candidates = beam.length * branching;
            int[] nodes = new int[candidates];
            float[] dist = new float[candidates];
            int n = 0;
            for (int parent : beam) {
                int first = parent * branching;
                for (int node = first; node < first + branching; node++) {
                    nodes[n] = node;
                    dist[n++] = squaredDistance(desc, offset, c, node);
                }
            }
            int keep = Math.min(k, n);
            int[] next = new int[keep];
            float[] nextD = new float[keep];
            // Partial selection sort: k is small.
            for (int i = 0; i < keep; i++) {
                int best = i;
                for (int j = i + 1; j < n; j++) {
                    if (dist[j] < dist[best]) {
                        best = j;
                    }
                }
                float td = dist[i];
                dist[i] = dist[best];
                dist[best] = td;
                int tn = nodes[i];
                nodes[i] = nodes[best];
                nodes[best] = tn;
                next[i] = nodes[i];
                nextD[i] = dist[i];
            }
            beam = next;
            beamD = nextD;
        }
        float ownD = squaredDistance(desc, offset, levels[depth - 1], own);
        double limit = maxRatio * maxRatio * Math.min(ownD, beamD[0]);
        int[] out = new int[k];
        out[0] = own;
        int count = 1;
        for (int i = 0; i < beam.length && count < k && beamD[i] <= limit; i++) {
            if (beam[i] != own) {
                out[count++] = beam[i];
            }
        }
        return count == k ? out : Arrays.copyOf(out, count);
    }

    /** Squared Euclidean distance of the descriptor at {@code offset} to centroid {@code node} of {@code level}. */
    private static float squaredDistance(float[] desc, int offset, float[] level, int node) {
        float d = 0;
        int base = node * DIM;
        for (int j = 0; j < DIM; j++) {
            float t = desc[offset + j] - level[base + j];
            d += t * t;
        }
        return d;
    }

    int coarseWord(int leaf) {
        int div = (int) Math.pow(branching, depth - coarseLevel);
        return leaf / div;
    }

    /** L2-normalised histogram of the coarse words (the tree level the SVMs work on). */
    float[] coarseHistogram(int[] words) {
        float[] h = new float[coarseDimension()];
        for (int w : words) {
            h[coarseWord(w)] += 1f;
        }
        double n = 0;
        for (float v : h) {
            n += v * v;
        }
        if (n > 0) {
            float inv = (float) (1 / Math.sqrt(n));
            for (int i = 0; i < h.length; i++) {
                h[i] *= inv;
            }
        }
        return h;
    }

    // ---------------------------------------------------------------- build and serialise

    /**
     * Builds a vocabulary from the RootSIFT descriptors of a training corpus (one float array of n x 128 per photo).
     *
     * @param maxTrainingDescriptors descriptors sampled for K-means (idf uses every photo)
     * @param negativePoolSize       photos whose coarse histograms form the SVM negative pool
     */
    public static Vocabulary build(String version, List<float[]> photoDescriptors, int branching, int depth,
                                   int coarseLevel, int maxTrainingDescriptors, int negativePoolSize, long seed) {
        Random rnd = new Random(seed);
        int total = 0;
        for (float[] d : photoDescriptors) {
            total += d.length / DIM;
        }
        double keep = Math.min(1.0, maxTrainingDescriptors / (double) Math.max(1, total));
        List<float[]> sample = new ArrayList<>();
        for (float[] d : photoDescriptors) {
            for (int i = 0; i < d.length / DIM; i++) {
                if (rnd.nextDouble() < keep) {
                    sample.add(Arrays.copyOfRange(d, i * DIM, (i + 1) * DIM));
                }
            }
        }
        Vocabulary tree = cluster(version, sample, branching, depth, coarseLevel, rnd);
        Statistics statistics = tree.statistics();
        List<int[]> photoWords = new ArrayList<>();
        for (float[] d : photoDescriptors) {
            int[] w = new int[d.length / DIM];
            for (int i = 0; i < w.length; i++) {
                w[i] = tree.quantize(d, i * DIM);
            }
            statistics.add(w);
            photoWords.add(w);
        }
        List<int[]> shuffled = new ArrayList<>(photoWords);
        java.util.Collections.shuffle(shuffled, rnd);
        return statistics.vocabulary(shuffled.subList(0, Math.min(negativePoolSize, shuffled.size())));
    }

    /**
     * The tree of a new vocabulary clustered (hierarchical K-means) from a sample of descriptors, one RootSIFT
     * descriptor of {@link #DIM} floats each; its idf is still zero: count the corpus with {@link #statistics()}.
     */
    public static Vocabulary cluster(String version, List<float[]> sample, int branching, int depth, int coarseLevel,
                                     long seed) {
        return cluster(version, sample, branching, depth, coarseLevel, new Random(seed));
    }

    private static Vocabulary cluster(String version, List<float[]> sample, int branching, int depth,
                                      int coarseLevel, Random rnd) {
        OpenCv.ensureLoaded();
        float[][] levels = new float[depth][];
        for (int l = 0; l < depth; l++) {
            levels[l] = new float[(int) Math.pow(branching, l + 1) * DIM];
        }
        split(sample, 0, 0, branching, depth, levels, rnd);
        return new Vocabulary(version, branching, depth, coarseLevel, levels,
                new float[(int) Math.pow(branching, depth)], new float[0][]);
    }

    /** Counts a corpus photo by photo (document frequencies), then makes the vocabulary with that corpus's idf. */
    public Statistics statistics() {
        return new Statistics();
    }

    /** Document frequencies of this vocabulary's words over a corpus, added one photo at a time. */
    public final class Statistics {
        private final int[] documentFrequency = new int[idf.length];
        private int photos;

        private Statistics() {
        }

        /** One photo's words. */
        public void add(int[] words) {
            boolean[] seen = new boolean[documentFrequency.length];
            for (int w : words) {
                if (!seen[w]) {
                    seen[w] = true;
                    documentFrequency[w]++;
                }
            }
            photos++;
        }

        public int photos() {
            return photos;
        }

        /**
         * The vocabulary with this corpus's idf; {@code negativePoolWords} are the words of the photos whose coarse
         * histograms form the SVM negative pool.
         */
        public Vocabulary vocabulary(List<int[]> negativePoolWords) {
            float[] corpusIdf = new float[documentFrequency.length];
            for (int i = 0; i < corpusIdf.length; i++) {
                corpusIdf[i] = (float) Math.log((photos + 1.0) / (documentFrequency[i] + 1.0));
            }
            float[][] pool = new float[negativePoolWords.size()][];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = coarseHistogram(negativePoolWords.get(i));
            }
            return new Vocabulary(version, branching, depth, coarseLevel, levels, corpusIdf, pool);
        }
    }

    /** The words of a template's stored descriptors in this vocabulary. */
    public int[] words(NoseTemplate template) {
        float[] d = template.descriptorFloats();
        int[] words = new int[template.keypointCount()];
        for (int i = 0; i < words.length; i++) {
            words[i] = quantize(d, i * DIM);
        }
        return words;
    }

    /** The template in this vocabulary: the same keypoints and descriptors, their words here. */
    public NoseTemplate adopt(NoseTemplate template) {
        return template.vocabularyVersion().equals(version) ? template
                : template.withWords(version, words(template));
    }

    /** The same tree and statistics under another name (a matcher version is named when it is built). */
    public Vocabulary renamed(String newVersion) {
        return new Vocabulary(newVersion, branching, depth, coarseLevel, levels, idf, negativePool);
    }

    private static void split(List<float[]> samples, int level, int node, int branching, int depth, float[][] levels,
                              Random rnd) {
        if (level == depth) {
            return;
        }
        float[] out = levels[level];
        int first = node * branching;
        List<List<float[]>> groups = new ArrayList<>();
        for (int k = 0; k < branching; k++) {
            groups.add(new ArrayList<>());
        }
        if (samples.size() < branching * 2) {
            // Too few descriptors to cluster: children repeat them so quantisation stays defined.
            for (int k = 0; k < branching; k++) {
                float[] c = samples.isEmpty() ? new float[DIM] : samples.get(k % samples.size());
                System.arraycopy(c, 0, out, (first + k) * DIM, DIM);
                if (!samples.isEmpty() && k < samples.size()) {
                    groups.get(k).add(c);
                }
            }
        } else {
            Mat data = new Mat(samples.size(), DIM, CvType.CV_32F);
            float[] flat = new float[samples.size() * DIM];
            for (int i = 0; i < samples.size(); i++) {
                System.arraycopy(samples.get(i), 0, flat, i * DIM, DIM);
            }
            data.put(0, 0, flat);
            Mat labels = new Mat();
            Mat centers = new Mat();
            Core.setRNGSeed(rnd.nextInt());
            Core.kmeans(data, branching, labels,
                    new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 15, 1e-4), 1, Core.KMEANS_PP_CENTERS,
                    centers);
            float[] cf = new float[branching * DIM];
            centers.get(0, 0, cf);
            System.arraycopy(cf, 0, out, first * DIM, branching * DIM);
            int[] lab = new int[samples.size()];
            labels.get(0, 0, lab);
            for (int i = 0; i < lab.length; i++) {
                groups.get(lab[i]).add(samples.get(i));
            }
            data.release();
            labels.release();
            centers.release();
        }
        for (int k = 0; k < branching; k++) {
            split(groups.get(k), level + 1, first + k, branching, depth, levels, rnd);
        }
    }

    public void write(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os));
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(version);
        out.writeInt(branching);
        out.writeInt(depth);
        out.writeInt(coarseLevel);
        for (float[] level : levels) {
            for (float v : level) {
                out.writeShort(Float.floatToFloat16(v));
            }
        }
        out.writeInt(idf.length);
        for (float v : idf) {
            out.writeFloat(v);
        }
        out.writeInt(negativePool.length);
        for (float[] h : negativePool) {
            for (float v : h) {
                out.writeShort(Float.floatToFloat16(v));
            }
        }
        out.flush();
    }

    /** Reads a vocabulary written by {@link #write}, e.g. a candidate not yet shipped as a resource. */
    public static Vocabulary read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(is));
        if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
            throw new IOException("not a NoseID vocabulary");
        }
        String version = in.readUTF();
        int branching = in.readInt();
        int depth = in.readInt();
        int coarseLevel = in.readInt();
        float[][] levels = new float[depth][];
        for (int l = 0; l < depth; l++) {
            levels[l] = new float[(int) Math.pow(branching, l + 1) * DIM];
            for (int i = 0; i < levels[l].length; i++) {
                levels[l][i] = Float.float16ToFloat(in.readShort());
            }
        }
        float[] idf = new float[in.readInt()];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = in.readFloat();
        }
        int coarseDim = (int) Math.pow(branching, coarseLevel);
        float[][] pool = new float[in.readInt()][coarseDim];
        for (float[] h : pool) {
            for (int i = 0; i < coarseDim; i++) {
                h[i] = Float.float16ToFloat(in.readShort());
            }
        }
        return new Vocabulary(version, branching, depth, coarseLevel, levels, idf, pool);
    }
}
