package io.noseid.worker.matcher;

import java.util.Comparator;
import java.util.List;

/**
 * The open-set decision, in one place: how the verification evidence of several probe photos is fused, how evidence
 * maps to a score, and when the best dog counts as matched. Inliers are mapped to 0..1 as
 * {@code inliers / (inliers + inlierThreshold)}, so the threshold calibrated for the target false accept rate lands
 * on {@link #MATCH_SCORE} exactly.
 */
public final class MatchRule {

    /** The score of evidence equal to the calibrated inlier threshold. */
    public static final double MATCH_SCORE = 0.5;

    private final double inlierThreshold;
    private final double secondProbeWeight;
    private final int candidatesReturned;

    public MatchRule(MatcherSettings settings) {
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

    /** The decision over the verified dogs, each scored by its fused inliers. */
    public MatchDecision decide(List<ScoredDog> evidence) {
        List<ScoredDog> candidates = evidence.stream()
                .sorted(Comparator.comparingDouble(ScoredDog::score).reversed())
                .limit(candidatesReturned)
                .map(d -> new ScoredDog(d.dogId(), scoreOf(d.score())))
                .toList();
        double best = candidates.isEmpty() ? 0 : candidates.getFirst().score();
        boolean matched = best >= MATCH_SCORE;
        return new MatchDecision(matched, matched ? candidates.getFirst().dogId() : null, best, candidates);
    }
}
