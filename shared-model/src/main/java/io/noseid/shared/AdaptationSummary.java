package io.noseid.shared;

/**
 * What an adaptation built: the matcher version every worker now answers with.
 *
 * @param matcherVersion the new version's name
 * @param dogs           enrolled dogs it was learned from (and re-indexed)
 * @param photos         their stored photos
 * @param threshold      the decision score at which a dog counts as matched (the contract's {@code score})
 * @param estimatedFar   the share of the gallery's impostor comparisons that reach the threshold
 */
public record AdaptationSummary(String matcherVersion, int dogs, int photos, double threshold, double estimatedFar) {
}
