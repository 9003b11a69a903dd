package io.noseid.worker.matcher;

import java.util.List;
import java.util.UUID;

/**
 * Open-set decision: {@code matched} when the best verified dog reaches the threshold calibrated for the configured
 * false accept rate (score 0.5 by construction).
 *
 * @param bestDogId  null when not matched
 * @param score      0..1, the best candidate's score
 * @param candidates best few verified dogs, best first
 */
public record MatchDecision(boolean matched, UUID bestDogId, double score, List<ScoredDog> candidates) {
    public MatchDecision {
        candidates = List.copyOf(candidates);
    }
}
