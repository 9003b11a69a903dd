package io.noseid.gateway.job.service;

/** Job error codes the gateway itself gives (the worker's come in its answer). */
public enum JobFailure {
    /** The job's message was dead-lettered after too many failed deliveries. */
    PROCESSING_FAILED,
    /** The worker's answer did not fit the job: a bug, never expected. */
    INVALID_RESULT
}
