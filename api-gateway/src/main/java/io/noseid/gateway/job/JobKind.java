package io.noseid.gateway.job;

/** The public job types; the internal REMOVAL jobs of the shared model never reach the API. */
public enum JobKind {
    REGISTRATION,
    IDENTIFICATION
}
