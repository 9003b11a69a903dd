package io.noseid.gateway.job.rest;

/** The outcome of a matcher adaptation that succeeded. */
public enum AdaptationOutcome {
    ADAPTED
}
