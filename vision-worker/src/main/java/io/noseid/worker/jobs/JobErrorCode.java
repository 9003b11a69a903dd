package io.noseid.worker.jobs;

/** Why a job ended FAILED on the worker: the {@code error.code} clients read. */
public enum JobErrorCode {
    /** A photo the job names is no longer stored: retrying cannot bring it back. */
    PHOTO_MISSING,
    /** An adaptation was asked of a gallery with too few dogs to calibrate a threshold on. */
    GALLERY_TOO_SMALL
}
