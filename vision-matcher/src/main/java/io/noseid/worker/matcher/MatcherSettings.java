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
        double secondProbeWeight) {

    public MatcherSettings {
        if (workingSize < 64 || maxKeypoints < 10 || shortlistSize < 1 || verifiedDogs < 1 || candidatesReturned < 1) {
            throw new IllegalArgumentException("implausible matcher settings");
        }
        if (ratio <= 0 || ratio >= 1 || inlierThreshold <= 0 || minScale <= 0 || maxScale <= minScale) {
            throw new IllegalArgumentException("implausible matcher settings");
        }
    }

    /** Configuration prefix of the matcher's keys. */
    public static final String PREFIX = "noseid.worker.matcher";

    /** The settings an operator configured (the worker's {@code noseid.worker.matcher} mapping). */
    public static MatcherSettings from(MatcherConfig c) {
        MatcherConfig.Features f = c.features();
        MatcherConfig.Verification v = c.verification();
        return new MatcherSettings(
                f.workingSize(), f.claheClipLimit(), f.claheTiles(), f.maxKeypoints(), f.siftContrastThreshold(),
                v.ratio(), v.ransacIterations(), v.inlierTolerance(), v.minScale(), v.maxScale(),
                c.shortlist().rerankPhotos(), c.shortlist().size(), c.shortlist().secondPhotoWeight(), v.dogs(),
                c.svm().weight(), c.decision().targetFar(), c.decision().inlierThreshold(),
                c.decision().candidatesReturned(), c.templateCacheDogs(), c.svm().c(), v.secondProbeWeight());
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
        Map<String, String> properties = new HashMap<>();
        overrides.forEach((key, value) -> properties.put(PREFIX + "." + key, value));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(MatcherConfig.class, PREFIX)
                .withSources(new PropertiesConfigSource(properties, "matcher settings", 100))
                .build();
        return from(config.getConfigMapping(MatcherConfig.class, PREFIX));
    }
}
