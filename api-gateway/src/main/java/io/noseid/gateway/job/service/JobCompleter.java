package io.noseid.gateway.job.service;

import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.StoredResult;
import io.noseid.shared.JobResult;

import java.time.Instant;

/**
 * Applies a worker's successful answer to a job of one kind, inside the completing transaction: each feature
 * (registration, identification, matcher adaptation) brings its own, so the job lifecycle knows no feature.
 */
public interface JobCompleter {

    JobKind kind();

    /**
     * @throws InvalidResultException when the answer does not fit the job (a bug, never expected)
     */
    StoredResult complete(JobEntity job, JobResult result, Instant now);

    /** The error detail of a job of this kind whose message was dead-lettered, for the person who sent it. */
    default String deadLetteredDetail() {
        return "The photos could not be processed after several attempts; please submit the request again";
    }

    /** The worker answered an outcome this kind of job cannot have. */
    final class InvalidResultException extends RuntimeException {
        public InvalidResultException(String message) {
            super(message);
        }
    }
}
