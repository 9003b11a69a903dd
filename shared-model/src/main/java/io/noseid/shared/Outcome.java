package io.noseid.shared;

/** The worker's answer for a job that ran to the end. */
public enum Outcome {
    /** Registration: no enrolled dog matched; the templates were enrolled under the request's dog id. */
    REGISTERED,
    /** Registration: the nose matched a dog that is already enrolled. */
    ALREADY_REGISTERED,
    /** Identification: the nose matched an enrolled dog. */
    MATCH,
    /** Identification: no enrolled dog matched. */
    NO_MATCH,
    /** Too few photos were usable (no nose, too small, too blurred). */
    REJECTED,
    /** Removal: the dog's templates are gone from the gallery. */
    REMOVED,
    /** Adaptation: every worker answers with the new matcher version. */
    ADAPTED
}
