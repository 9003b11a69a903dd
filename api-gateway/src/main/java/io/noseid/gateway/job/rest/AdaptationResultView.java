package io.noseid.gateway.job.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code result} of a matcher adaptation: the version every worker switched to and what it was learned from.
 *
 * @param dogs         enrolled dogs it was learned from (and re-indexed)
 * @param photos       their stored photos
 * @param threshold    the decision score at which a dog counts as matched (the scale of a result's {@code score})
 * @param estimatedFar the share of the gallery's impostor comparisons that reach the threshold
 */
@Schema(name = "AdaptationResultView")
public record AdaptationResultView(AdaptationOutcome outcome, String matcherVersion, int dogs, int photos,
                                   double threshold,
                                   @Schema(minimum = "0", maximum = "1") double estimatedFar) implements ResultView {
}
