package io.noseid.shared;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The worker's final answer, published on the reply queue. Either {@code outcome} is set (the job ran to its end)
 * or {@code errorCode} is (the job failed and will not be retried).
 *
 * @param dogId      REGISTERED: the request's dog id; ALREADY_REGISTERED and MATCH: the matched dog; else null
 * @param score      calibrated match confidence 0..1 for ALREADY_REGISTERED and MATCH; else null
 * @param candidates best few gallery dogs, best first (identification, also on NO_MATCH)
 * @param workerId   which worker replica answered, for operators
 * @param adaptation ADAPTED: the matcher version built and switched to; else null
 */
public record JobResult(int version, UUID jobId, JobType type, Outcome outcome, UUID dogId, Double score,
                        List<Candidate> candidates, List<PhotoAssessment> photos, String errorCode,
                        String errorDetail, String workerId, Instant finishedAt,
                        AdaptationSummary adaptation) {

    public static final int CURRENT_VERSION = 1;

    public JobResult {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    public boolean failed() {
        return errorCode != null;
    }

    public static JobResult success(JobRequest request, Outcome outcome, UUID dogId, Double score,
                                    List<Candidate> candidates, List<PhotoAssessment> photos, String workerId) {
        return new JobResult(CURRENT_VERSION, request.jobId(), request.type(), outcome, dogId, score, candidates,
                photos, null, null, workerId, Instant.now(), null);
    }

    public static JobResult adapted(JobRequest request, AdaptationSummary adaptation, String workerId) {
        return new JobResult(CURRENT_VERSION, request.jobId(), request.type(), Outcome.ADAPTED, null, null, List.of(),
                List.of(), null, null, workerId, Instant.now(), adaptation);
    }

    public static JobResult failure(UUID jobId, JobType type, String errorCode, String errorDetail, String workerId) {
        return new JobResult(CURRENT_VERSION, jobId, type, null, null, null, List.of(), List.of(), errorCode,
                errorDetail, workerId, Instant.now(), null);
    }
}
