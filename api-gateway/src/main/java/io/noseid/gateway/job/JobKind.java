package io.noseid.gateway.job;

/** The public job types; the internal REMOVAL jobs of the shared model never reach the API. */
public enum JobKind {
    REGISTRATION,
    IDENTIFICATION,
    /** A matcher adaptation: one at a time (it holds the job's exclusive slot until it ends), no photos. */
    ADAPTATION
}
