package io.noseid.gateway.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.noseid.shared.Outcome;
import io.noseid.shared.PhotoAssessment;

import java.util.List;

/**
 * What a job ended with, as stored in {@code job.result_json} and in Redis: the domain result, not the REST view, so
 * the view can change without a migration ({@code job.rest.JobViewMapper} makes the view when a job is read). Its
 * JSON member names are those of the results stored before it existed, which therefore still read.
 *
 * @param dog        MATCH: the matched dog as it was when the job ended, its owner's phone already masked
 * @param candidates the best few dogs still registered (identification), best first
 * @param adaptation ADAPTED: the matcher version the adaptation built; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredResult(Outcome outcome, String registrationNumber, Double score, MatchedDog dog,
                           List<Candidate> candidates, List<PhotoAssessment> photos, Adaptation adaptation) {

    public record MatchedDog(String name, String breed, Integer birthYear, String sex, Owner owner) {
    }

    /** The matched dog's owner as identification shows it: name and masked phone. */
    public record Owner(String name, String phone) {
    }

    public record Candidate(String registrationNumber, double score) {
    }

    /**
     * What a matcher adaptation built, as its worker answered.
     *
     * @param dogs         enrolled dogs it was learned from
     * @param photos       their stored photos
     * @param threshold    the decision score at which a dog counts as matched
     * @param estimatedFar the share of the gallery's impostor comparisons that reach the threshold
     */
    public record Adaptation(String matcherVersion, int dogs, int photos, double threshold, double estimatedFar) {
    }

    public static StoredResult registered(String registrationNumber, List<PhotoAssessment> photos) {
        return new StoredResult(Outcome.REGISTERED, registrationNumber, null, null, null, photos, null);
    }

    public static StoredResult alreadyRegistered(String registrationNumber, Double score,
                                                 List<PhotoAssessment> photos) {
        return new StoredResult(Outcome.ALREADY_REGISTERED, registrationNumber, score, null, null, photos, null);
    }

    public static StoredResult rejected(List<Candidate> candidates, List<PhotoAssessment> photos) {
        return new StoredResult(Outcome.REJECTED, null, null, null, candidates, photos, null);
    }

    public static StoredResult match(String registrationNumber, Double score, MatchedDog dog,
                                     List<Candidate> candidates, List<PhotoAssessment> photos) {
        return new StoredResult(Outcome.MATCH, registrationNumber, score, dog, candidates, photos, null);
    }

    public static StoredResult noMatch(List<Candidate> candidates, List<PhotoAssessment> photos) {
        return new StoredResult(Outcome.NO_MATCH, null, null, null, candidates, photos, null);
    }

    public static StoredResult adapted(Adaptation adaptation) {
        return new StoredResult(Outcome.ADAPTED, null, null, null, null, null, adaptation);
    }
}
