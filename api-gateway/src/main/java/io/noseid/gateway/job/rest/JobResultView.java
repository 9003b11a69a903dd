package io.noseid.gateway.job.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Locale;

/**
 * The contract's {@code result}. Registration: outcome, registrationNumber, score, photos. Identification: outcome,
 * registrationNumber, score and dog (MATCH only), candidates (always), photos.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResultView(ResultOutcome outcome, String registrationNumber, Double score, MatchedDogView dog,
                            List<CandidateView> candidates, List<PhotoView> photos) {

    /** The same result with every photo's reason in {@code locale}'s language. */
    public JobResultView inLanguageOf(Locale locale) {
        return photos == null ? this : new JobResultView(outcome, registrationNumber, score, dog, candidates,
                photos.stream().map(p -> p.inLanguageOf(locale)).toList());
    }
}
