package io.noseid.worker.matcher;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.HashMap;
import java.util.Map;

/**
 * Every tunable of the matcher as one immutable value for the plain-Java pipeline, built from the
 * {@code noseid.worker.matcher} configuration ({@link MatcherConfig}, which holds the defaults chosen by measurement
 * with the evaluate command, see vision-worker/MATCHER.md); the threshold is calibrated for {@link #targetFar()} on
 * impostor probes.
 *
 * @param workingSize           short side in pixels every crop is resized to (small crops are upscaled)
 * @param claheClipLimit        CLAHE clip limit
 * @param claheTiles            CLAHE tile grid (tiles x tiles)
 * @param maxKeypoints          SIFT keypoints kept per photo (strongest first)
 * @param siftContrastThreshold SIFT contrast threshold; lower than OpenCV's 0.04 so blurred crops still yield points
 * @param ratio                 Lowe ratio test (distance of best / second best)
 * @param ransacIterations      RANSAC iterations of the similarity fit
 * @param inlierTolerance       reprojection tolerance in working-size pixels
 * @param minScale              smallest plausible scale of the fitted similarity
 * @param maxScale              largest plausible scale of the fitted similarity
 * @param rerankPhotos          photos, best by the index's rotation/scale votes, whose word correspondences are
 *                              checked with RANSAC in memory to rank the shortlist
 * @param shortlistSize         dogs in the shortlist (after the in-memory spatial re-ranking)
 * @param secondPhotoWeight     share of a dog's second-best photo similarity added to its best in the shortlist
 * @param verifiedDogs          best re-ranked dogs verified with ratio-test descriptor matching (the deciding score)
 * @param svmWeight             weight of the per-dog SVM score fused with the tf-idf score when ranking the shortlist
 * @param targetFar             false accept rate the threshold was calibrated for
 * @param inlierThreshold       inliers at which the decision score reaches 0.5 (calibrated for targetFar)
 * @param candidatesReturned    candidates listed in a decision
 * @param templateCacheDogs     dogs whose full templates are cached in memory
 * @param svmC                  soft-margin C of the per-dog linear SVM
 * @param secondProbeWeight     share of the second-best probe photo's evidence added to the best one's
 * @param maxHammingDistance    bits within which the Hamming signatures of two keypoints sharing a word must agree
 *                              for the index to count them as a match (votes and re-rank correspondences)
 * @param orientationBins       bins of orientation difference per photo in the index's first pass (a power of two
 *                              from 2 to 256); a photo scores its best window of two adjacent bins
 * @param rerankIterations      RANSAC samples per photo in the index's spatial re-rank
 * @param rerankMaxOctaves      largest scale difference of a re-rank correspondence, in octaves
 * @param decisiveFactor        inliers, in multiples of inlierThreshold, at which verification of a dog stops
 * @param siftOctaveLayers      SIFT layers per octave
 * @param siftEdgeThreshold     SIFT edge threshold
 * @param siftSigma             Gaussian sigma of SIFT's first octave
 * @param ransacMissProbability RANSAC stops once the chance of having missed an all-inlier sample is below this
 * @param akazeKeypoints        AKAZE keypoints extracted per photo beside SIFT (0: none)
 * @param akazeThreshold        AKAZE detector response threshold
 * @param akazeWeight           weight of a photo pair's AKAZE inliers added to its SIFT inliers
 * @param probeWords            visual words each probe keypoint is looked up under in the shortlist index (multiple
 *                              assignment: its nearest word and the next nearest ones within probeWordRatio)
 * @param probeWordRatio        a further word is used only if its centroid is at most this many times as far from the
 *                              descriptor as the nearest word's
 */
public record MatcherSettings(
        int workingSize,
        double claheClipLimit,
        int claheTiles,
        int maxKeypoints,
        double siftContrastThreshold,
        double ratio,
        int ransacIterations,
        double inlierTolerance,
        double minScale,
        double maxScale,
        int rerankPhotos,
        int shortlistSize,
        double secondPhotoWeight,
        int verifiedDogs,
        double svmWeight,
        double targetFar,
        double inlierThreshold,
        int candidatesReturned,
        int templateCacheDogs,
        double svmC,
        double secondProbeWeight,
        int maxHammingDistance,
        int orientationBins,
        int rerankIterations,
        double rerankMaxOctaves,
        double decisiveFactor,
        int siftOctaveLayers,
        double siftEdgeThreshold,
        double siftSigma,
        double ransacMissProbability,
        int akazeKeypoints,
        double akazeThreshold,
        double akazeWeight,
        int probeWords,
        double probeWordRatio) {

    public MatcherSettings {
        if (workingSize < 64 || maxKeypoints < 10 || shortlistSize < 1 || verifiedDogs < 1 || candidatesReturned < 1) {
            throw new IllegalArgumentException("implausible matcher settings");
        }
        if (ratio <= 0 || ratio >= 1 || inlierThreshold <= 0 || minScale <= 0 || maxScale <= minScale) {
            throw new IllegalArgumentException("implausible matcher settings");
        }
        if (maxHammingDistance < 0 || maxHammingDistance > HammingEmbedding.BITS || rerankIterations < 1
                || rerankMaxOctaves < 0 || decisiveFactor <= 0) {
            throw new IllegalArgumentException("implausible matcher settings");
        }
        if (siftOctaveLayers < 1 || siftEdgeThreshold <= 0 || siftSigma <= 0 || ransacMissProbability <= 0
                || ransacMissProbability >= 1) {
            throw new IllegalArgumentException("implausible matcher settings");
        }
        if (akazeKeypoints < 0 || akazeThreshold <= 0 || akazeWeight < 0) {
            throw new IllegalArgumentException("implausible matcher settings");
        }
        if (probeWords < 1 || probeWords > 10 || probeWordRatio < 1) {
            throw new IllegalArgumentException("probe words must be 1 to 10 with a distance ratio of at least 1");
        }
        if (orientationBins < 2 || orientationBins > 256 || Integer.bitCount(orientationBins) != 1) {
            throw new IllegalArgumentException("orientation bins must be a power of two from 2 to 256");
        }
    }

    /** These settings with the inlier threshold an adaptation calibrated on its gallery. */
    public MatcherSettings withInlierThreshold(double threshold) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, threshold, candidatesReturned, templateCacheDogs, svmC,
                secondProbeWeight, maxHammingDistance, orientationBins, rerankIterations, rerankMaxOctaves,
                decisiveFactor, siftOctaveLayers, siftEdgeThreshold, siftSigma, ransacMissProbability, akazeKeypoints,
                akazeThreshold, akazeWeight, probeWords, probeWordRatio);
    }

    /** Configuration prefix of the matcher's keys. */
    public static final String PREFIX = "noseid.worker.matcher";

    /** The settings an operator configured (the worker's {@code noseid.worker.matcher} mapping). */
    public static MatcherSettings from(MatcherConfig c) {
        MatcherConfig.Features f = c.features();
        MatcherConfig.Shortlist sl = c.shortlist();
        MatcherConfig.Verification v = c.verification();
        return new MatcherSettings(
                f.workingSize(), f.claheClipLimit(), f.claheTiles(), f.maxKeypoints(), f.siftContrastThreshold(),
                v.ratio(), v.ransacIterations(), v.inlierTolerance(), v.minScale(), v.maxScale(),
                sl.rerankPhotos(), sl.size(), sl.secondPhotoWeight(), v.dogs(),
                c.svm().weight(), c.decision().targetFar(), c.decision().inlierThreshold(),
                c.decision().candidatesReturned(), c.templateCacheDogs(), c.svm().c(), v.secondProbeWeight(),
                sl.maxHammingDistance(), sl.orientationBins(), sl.rerankIterations(), sl.rerankMaxOctaves(),
                v.decisiveFactor(), f.siftOctaveLayers(), f.siftEdgeThreshold(), f.siftSigma(),
                v.ransacMissProbability(), f.akazeKeypoints(), f.akazeThreshold(), v.akazeWeight(), sl.probeWords(),
                sl.probeWordRatio());
    }

    /** The mapping's defaults ({@link MatcherConfig}), for tools and tests. */
    public static MatcherSettings defaults() {
        return of(Map.of());
    }

    /**
     * The mapping's defaults with some keys overridden, named relative to {@value #PREFIX} (for example
     * {@code shortlist.size}); an unknown key fails as it would in the worker.
     */
    public static MatcherSettings of(Map<String, String> overrides) {
        return from(config(overrides));
    }

    /** The matcher's configuration mapping: its defaults with some keys overridden (see {@link #of}). */
    public static MatcherConfig config(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        overrides.forEach((key, value) -> properties.put(PREFIX + "." + key, value));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(MatcherConfig.class, PREFIX)
                .withSources(new PropertiesConfigSource(properties, "matcher settings", 100))
                .build();
        return config.getConfigMapping(MatcherConfig.class, PREFIX);
    }
}
