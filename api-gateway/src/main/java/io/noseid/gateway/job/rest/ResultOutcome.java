package io.noseid.gateway.job.rest;

/** Public outcomes: registration gives the first three, identification MATCH, NO_MATCH or REJECTED. */
public enum ResultOutcome {
    REGISTERED,
    ALREADY_REGISTERED,
    MATCH,
    NO_MATCH,
    REJECTED
}
