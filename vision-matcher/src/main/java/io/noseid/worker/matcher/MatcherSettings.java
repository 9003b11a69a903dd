package io.noseid.worker.matcher;

/**
 * Every tunable of the matcher. {@link #defaults()} holds the values chosen by measurement with the evaluate command
 * (see vision-worker/MATCHER.md); the threshold is calibrated for {@link #targetFar()} on impostor probes.
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
        double svmC) {

    public MatcherSettings {
        if (workingSize < 64 || maxKeypoints < 10 || shortlistSize < 1 || verifiedDogs < 1 || candidatesReturned < 1) {
            throw new IllegalArgumentException("implausible matcher settings");
        }
        if (ratio <= 0 || ratio >= 1 || inlierThreshold <= 0 || minScale <= 0 || maxScale <= minScale) {
            throw new IllegalArgumentException("implausible matcher settings");
        }
    }

    public static MatcherSettings defaults() {
        return new MatcherSettings(
                320, 2.0, 8, 300, 0.02, 0.85, 400, 6.0, 1.0 / 3, 3.0,
                2_000, 100, 0.0, 5, 0.0, 0.01, 10.0, 5, 1_000, 1.0);
    }

    public MatcherSettings withWorkingSize(int value) {
        return new MatcherSettings(value, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withClaheClipLimit(double value) {
        return new MatcherSettings(workingSize, value, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withClaheTiles(int value) {
        return new MatcherSettings(workingSize, claheClipLimit, value, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withMaxKeypoints(int value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, value, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withSiftContrastThreshold(double value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, value, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withRatio(double value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, value,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withRansacIterations(int value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                value, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withInlierTolerance(double value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, value, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withMinScale(double value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, value, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withMaxScale(double value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, value, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withRerankPhotos(int value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, value, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withShortlistSize(int value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, value, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withSecondPhotoWeight(double value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, value, verifiedDogs,
                svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withVerifiedDogs(int value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                value, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withSvmWeight(double value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, value, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withTargetFar(double value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, value, inlierThreshold, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withInlierThreshold(double value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, value, candidatesReturned, templateCacheDogs, svmC);
    }

    public MatcherSettings withCandidatesReturned(int value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, value, templateCacheDogs, svmC);
    }

    public MatcherSettings withTemplateCacheDogs(int value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, value, svmC);
    }

    public MatcherSettings withSvmC(double value) {
        return new MatcherSettings(workingSize, claheClipLimit, claheTiles, maxKeypoints, siftContrastThreshold, ratio,
                ransacIterations, inlierTolerance, minScale, maxScale, rerankPhotos, shortlistSize, secondPhotoWeight,
                verifiedDogs, svmWeight, targetFar, inlierThreshold, candidatesReturned, templateCacheDogs, value);
    }

    /** Maps verification evidence (fused inliers) to 0..1 so that the calibrated threshold lands on exactly 0.5. */
    public double scoreOf(double inliers) {
        return inliers <= 0 ? 0.0 : inliers / (inliers + inlierThreshold);
    }
}
