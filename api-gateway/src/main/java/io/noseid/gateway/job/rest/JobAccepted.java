package io.noseid.gateway.job.rest;

import io.noseid.gateway.job.JobKind;
import io.noseid.shared.JobStatus;

import java.util.UUID;

/** The 202 answer of a POST that queued a job. */
public record JobAccepted(UUID jobId, JobKind type, JobStatus status, String statusUrl) {

    public static JobAccepted queued(UUID jobId, JobKind type) {
        return new JobAccepted(jobId, type, JobStatus.QUEUED, statusUrl(jobId));
    }

    public static String statusUrl(UUID jobId) {
        return "/api/v1/jobs/" + jobId;
    }
}
