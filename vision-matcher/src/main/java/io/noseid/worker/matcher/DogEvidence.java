package io.noseid.worker.matcher;

import java.util.UUID;

/**
 * What verification found for one candidate dog: the fused inlier evidence of every probe photo (the inlier rule's
 * input), the best photo pair's match, and how many inliers the dog's second-best photo gave the same probe photo
 * (another photo of the same dog agreeing is what impostors rarely reach).
 */
public record DogEvidence(UUID dogId, double fusedInliers, PairMatch best, int secondPhotoInliers) {

    public static DogEvidence none(UUID dogId) {
        return new DogEvidence(dogId, 0, PairMatch.NONE, 0);
    }
}
