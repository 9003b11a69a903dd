package io.noseid.shared;

/**
 * What a message on the job queues asks the worker to do. {@code REMOVAL} is internal: it travels on the
 * registration queue so that it is ordered with every other gallery write and never reaches the public API.
 */
public enum JobType {
    REGISTRATION,
    IDENTIFICATION,
    REMOVAL,
    /** Builds a matcher version from the enrolled dogs' photos and switches every worker to it. */
    ADAPTATION
}
