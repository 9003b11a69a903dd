package io.noseid.gateway.job.rest;

import io.noseid.gateway.dog.DogSex;
import io.noseid.gateway.job.StoredResult;
import io.noseid.gateway.job.service.JobQueryService;
import io.noseid.gateway.job.service.JobSnapshot;
import io.noseid.gateway.job.service.Timestamps;
import io.noseid.shared.Outcome;
import io.noseid.shared.PhotoAssessment;

import java.util.List;
import java.util.Locale;

/** Makes the contract's job view from a job and its stored result, photo reasons in the client's language. */
final class JobViewMapper {

    private JobViewMapper() {
    }

    static JobView toView(JobQueryService.FoundJob job, Locale language) {
        JobSnapshot s = job.snapshot();
        ResultView result = job.result().map(r -> toView(r, language)).orElse(null);
        JobErrorView error = s.errorCode() == null ? null : new JobErrorView(s.errorCode(), s.errorDetail());
        return new JobView(s.jobId(), s.type(), s.status(), s.progress(), Timestamps.format(s.createdAt()),
                Timestamps.format(s.updatedAt()), result, error);
    }

    static ResultView toView(StoredResult r, Locale language) {
        if (r.outcome() == Outcome.ADAPTED) {
            StoredResult.Adaptation a = r.adaptation();
            return new AdaptationResultView(AdaptationOutcome.ADAPTED, a.matcherVersion(), a.dogs(), a.photos(),
                    a.threshold(), a.estimatedFar());
        }
        return photoResult(r, language);
    }

    private static JobResultView photoResult(StoredResult r, Locale language) {
        MatchedDogView dog = r.dog() == null ? null : new MatchedDogView(r.dog().name(), r.dog().breed(),
                r.dog().birthYear(), r.dog().sex() == null ? null : DogSex.valueOf(r.dog().sex()),
                r.dog().owner() == null ? null : new OwnerContactView(r.dog().owner().name(), r.dog().owner().phone()));
        List<CandidateView> candidates = r.candidates() == null ? null
                : r.candidates().stream().map(c -> new CandidateView(c.registrationNumber(), c.score())).toList();
        List<PhotoView> photos = r.photos() == null ? null
                : r.photos().stream().map(p -> photo(p, language)).toList();
        return new JobResultView(ResultOutcome.valueOf(r.outcome().name()), r.registrationNumber(), r.score(), dog,
                candidates, photos);
    }

    /** A reason with a code is written in the client's language; one without (older results) as it was stored. */
    private static PhotoView photo(PhotoAssessment p, Locale language) {
        String reason = p.reasonCode() == null ? p.reason() : p.reasonCode().text(language);
        return new PhotoView(p.index(), p.accepted(), reason, p.reasonCode(), p.noseBox(), p.noseConfidence());
    }
}
