package io.noseid.worker.jobs;

/** Why a job ended FAILED on the worker: the {@code error.code} clients read. */
public enum JobErrorCode {
    /** A photo the job names is no longer stored: retrying cannot bring it back. */
    PHOTO_MISSING
}
