package io.noseid.gateway.job.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The contract's {@code result}. Registration: outcome, registrationNumber, score, photos. Identification: outcome,
 * registrationNumber, score and dog (MATCH only), candidates (always), photos.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResultView(ResultOutcome outcome, String registrationNumber, Double score, MatchedDogView dog,
                            List<CandidateView> candidates, List<PhotoView> photos) implements ResultView {
}
