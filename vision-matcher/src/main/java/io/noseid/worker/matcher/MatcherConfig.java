package io.noseid.worker.matcher;

import io.smallrye.config.WithDefault;

/**
 * Every tunable of the matcher, configured under {@code noseid.worker.matcher} (the worker maps it as part of its
 * {@code WorkerConfig}; tools and tests read the same defaults through {@link MatcherSettings#defaults()}). The
 * defaults were chosen by measurement with the evaluate command (vision-worker/MATCHER.md); the README's
 * configuration table lists every key and is checked against this interface by a test.
 */
public interface MatcherConfig {

    /** Photo to keypoints: normalisation and SIFT. */
    Features features();

    /** The in-memory shortlist index. */
    Shortlist shortlist();

    /** Descriptor matching of the best shortlisted dogs. */
    Verification verification();

    /** From verification evidence to a decision. */
    Decision decision();

    /**
     * The per-dog linear SVM, switched off at weight 0: then it is neither trained nor scored, and dogs enrolled
     * meanwhile store an untrained model (re-enrol them after switching it on).
     */
    Svm svm();

    /** Learning a matcher version from the enrolled dogs' photos ({@code POST /api/v1/admin/matcher/adaptations}). */
    Adaptation adaptation();

    /** Dogs whose full templates the worker keeps in memory. */
    @WithDefault("1000")
    int templateCacheDogs();

    interface Features {
        /** Short side in pixels every crop is resized to (small crops are upscaled). */
        @WithDefault("320")
        int workingSize();

        @WithDefault("2.0")
        double claheClipLimit();

        /** CLAHE tile grid (tiles x tiles). */
        @WithDefault("8")
        int claheTiles();

        /** SIFT keypoints kept per photo, strongest first. */
        @WithDefault("300")
        int maxKeypoints();

        /** Lower than OpenCV's 0.04 so that blurred crops still yield points. */
        @WithDefault("0.02")
        double siftContrastThreshold();

        /** SIFT layers per octave (OpenCV's and Lowe's 3). */
        @WithDefault("3")
        int siftOctaveLayers();

        /** SIFT edge threshold: larger keeps more edge-like points (OpenCV's 10). */
        @WithDefault("10")
        double siftEdgeThreshold();

        /** Gaussian sigma of SIFT's first octave (Lowe's 1.6). */
        @WithDefault("1.6")
        double siftSigma();

        /**
         * AKAZE keypoints kept per photo beside SIFT, strongest first, as second verification evidence; 0 extracts
         * none. On real close-ups 600 AKAZE points made more genuine probes matchable than SIFT (matcher-findings).
         */
        @WithDefault("0")
        int akazeKeypoints();

        /** AKAZE detector response threshold (OpenCV's 0.001; lower finds points on dark, low-contrast noses). */
        @WithDefault("0.0005")
        double akazeThreshold();
    }

    interface Shortlist {
        /** Dogs in the shortlist, after the in-memory spatial re-rank. */
        @WithDefault("100")
        int size();

        /** Photos, best by the index's rotation/scale votes, whose word correspondences are re-ranked spatially. */
        @WithDefault("2000")
        int rerankPhotos();

        /** Share of a dog's second-best photo similarity added to its best in the shortlist. */
        @WithDefault("0.0")
        double secondPhotoWeight();

        /**
         * Two keypoints sharing a word count as a match (a vote, a re-rank correspondence) only if their 32-bit
         * Hamming signatures differ in at most this many bits.
         */
        @WithDefault("10")
        int maxHammingDistance();

        /**
         * Bins of orientation difference per photo in the first pass (a power of two up to 256; 8 bins of 45
         * degrees): a photo scores its best window of two adjacent bins.
         */
        @WithDefault("8")
        int orientationBins();

        /** RANSAC samples per re-ranked photo: a true pair has a large inlier share, found in few samples. */
        @WithDefault("100")
        int rerankIterations();

        /** Largest scale difference of a re-rank correspondence, in octaves (either way). */
        @WithDefault("2.0")
        double rerankMaxOctaves();

        /**
         * Visual words each probe keypoint is looked up under (multiple assignment): its nearest word and up to this
         * many minus one next nearest, so a descriptor near a cell border still meets its match in the neighbouring
         * cell. Enrolled keypoints keep one word: the index does not grow.
         */
        @WithDefault("5")
        int probeWords();

        /** A further probe word counts only if its centroid is at most this many times as far as the nearest's. */
        @WithDefault("1.3")
        double probeWordRatio();
    }

    interface Verification {
        /** Best re-ranked dogs verified with ratio-test descriptor matching (the deciding score). */
        @WithDefault("30")
        int dogs();

        /** Lowe ratio test (distance of best / second best). */
        @WithDefault("0.85")
        double ratio();

        /** RANSAC iterations of the similarity fit. */
        @WithDefault("400")
        int ransacIterations();

        /**
         * RANSAC stops early once the chance of never having drawn two inliers, given the best inlier share so far,
         * falls below this.
         */
        @WithDefault("0.005")
        double ransacMissProbability();

        /** Reprojection tolerance in working-size pixels. */
        @WithDefault("6.0")
        double inlierTolerance();

        /** Smallest plausible scale of the fitted similarity (1/3). */
        @WithDefault("0.3333333333333333")
        double minScale();

        @WithDefault("3.0")
        double maxScale();

        /**
         * With several probe photos, share of the second-best photo's inliers added to the best one's: agreeing
         * photos strengthen a match while one photo alone decides as before.
         */
        @WithDefault("0.5")
        double secondProbeWeight();

        /**
         * Inliers, in multiples of {@link Decision#inlierThreshold()}, at which a dog's verification stops: its
         * remaining photos cannot change the answer.
         */
        @WithDefault("3.0")
        double decisiveFactor();

        /** Weight of a photo pair's AKAZE inliers added to its SIFT inliers (used when AKAZE points are extracted). */
        @WithDefault("1.0")
        double akazeWeight();
    }

    interface Decision {
        /** Inliers at which the decision score reaches 0.5: calibrated for {@link #targetFar()}. */
        @WithDefault("10.0")
        double inlierThreshold();

        /** False accept rate the threshold was calibrated for (documentation of the calibration). */
        @WithDefault("0.01")
        double targetFar();

        /** Candidates listed in a decision. */
        @WithDefault("5")
        int candidatesReturned();
    }

    interface Svm {
        /** Weight of the SVM margin fused into the shortlist score; 0 switches the SVM off. */
        @WithDefault("0.0")
        double weight();

        /** Soft-margin C. */
        @WithDefault("1.0")
        double c();
    }

    interface Adaptation {
        /** Fewer enrolled dogs than this cannot calibrate a threshold: the adaptation fails with GALLERY_TOO_SMALL. */
        @WithDefault("10")
        int minDogs();

        /** Descriptors sampled from the gallery's photos for clustering the vocabulary (idf counts every photo). */
        @WithDefault("150000")
        int sampleDescriptors();

        /** Branching of the vocabulary tree. */
        @WithDefault("10")
        int branching();

        /** Depth of the tree at most (10,000 words at branching 10); shallower while the sample is small. */
        @WithDefault("4")
        int maxDepth();

        /** Sampled descriptors each word needs at least: a small gallery gets fewer, better-trained words. */
        @WithDefault("10")
        int minDescriptorsPerWord();

        /** Enrolled dogs whose photo probes the rest of the gallery to measure impostor evidence. */
        @WithDefault("300")
        int calibrationProbes();

        /** The calibrated inlier threshold never goes below this, however few impostors a small gallery has. */
        @WithDefault("6.0")
        double minInlierThreshold();

        /** Seconds the switch waits for every live worker to have loaded the new version beside the served one. */
        @WithDefault("120")
        int switchTimeoutSeconds();

        /** The SVM verifier an adaptation learns from the gallery's genuine and impostor comparisons. */
        Verifier verifier();
    }

    interface Verifier {
        /**
         * Learn it: the adapted version then decides by its Platt-calibrated probability and a threshold set for the
         * target FAR on the gallery's impostors; off keeps the calibrated inlier rule.
         */
        @WithDefault("true")
        boolean enabled();

        /** Soft-margin penalty of the linear SVM (features standardised). */
        @WithDefault("1.0")
        double svmC();

        /** The match probability threshold never goes below this, however weak a small gallery's impostors are. */
        @WithDefault("0.5")
        double minThreshold();
    }
}
