package io.noseid.worker.matcher;

import java.util.Comparator;
import java.util.List;

/**
 * The open-set decision, in one place: how the verification evidence of several probe photos is fused, how evidence
 * maps to a score, and when the best dog counts as matched. With a {@link VerificationModel} (learned by an
 * adaptation) a dog's score is the model's calibrated probability and the match threshold the model's. Without one
 * (the shipped version) inliers are mapped to 0..1 as {@code inliers / (inliers + inlierThreshold)}, so the configured
 * threshold lands on {@link #MATCH_SCORE} exactly.
 */
public final class MatchRule {

    /** The score of evidence equal to the calibrated inlier threshold. */
    public static final double MATCH_SCORE = 0.5;

    private final double inlierThreshold;
    private final double secondProbeWeight;
    private final int candidatesReturned;
    private final VerificationModel model;

    public MatchRule(MatcherSettings settings) {
        this(settings, null);
    }

    public MatchRule(MatcherSettings settings, VerificationModel model) {
        this.model = model;
        this.inlierThreshold = settings.inlierThreshold();
        this.secondProbeWeight = settings.secondProbeWeight();
        this.candidatesReturned = settings.candidatesReturned();
    }

    /** Evidence of one dog from the best and second-best probe photos' inliers. */
    public double fuse(double bestPhoto, double secondPhoto) {
        return bestPhoto + secondProbeWeight * secondPhoto;
    }

    /** Maps verification evidence (fused inliers) to 0..1. */
    public double scoreOf(double inliers) {
        return inliers <= 0 ? 0.0 : inliers / (inliers + inlierThreshold);
    }

    /** The score of one dog's verification evidence. */
    public double scoreOf(DogEvidence evidence) {
        return model == null ? scoreOf(evidence.fusedInliers()) : model.probability(evidence);
    }

    /** The score at or above which the best dog is a match. */
    public double threshold() {
        return model == null ? MATCH_SCORE : model.threshold();
    }

    /** The decision over the verified dogs. */
    public MatchDecision decide(List<DogEvidence> evidence) {
        List<ScoredDog> candidates = evidence.stream()
                .map(e -> new ScoredDog(e.dogId(), scoreOf(e)))
                .sorted(Comparator.comparingDouble(ScoredDog::score).reversed())
                .limit(candidatesReturned)
                .toList();
        double best = candidates.isEmpty() ? 0 : candidates.getFirst().score();
        boolean matched = best >= threshold();
        return new MatchDecision(matched, matched ? candidates.getFirst().dogId() : null, best, candidates);
    }
}
