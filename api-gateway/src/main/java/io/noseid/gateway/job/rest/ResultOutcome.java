package io.noseid.gateway.job.rest;

/**
 * Public outcomes of the jobs on photos: registration gives the first three, identification MATCH, NO_MATCH or
 * REJECTED (an adaptation's is {@link AdaptationOutcome}).
 */
public enum ResultOutcome {
    REGISTERED,
    ALREADY_REGISTERED,
    MATCH,
    NO_MATCH,
    REJECTED
}
