package io.noseid.shared;

/**
 * The live state of a job as kept in Redis under {@link #redisKey}: a hash with the fields named by the constants
 * below. The worker writes RUNNING and progress; the gateway writes QUEUED and the final state.
 */
public final class JobProgress {

    public static final String KEY_PREFIX = "noseid:job:";
    public static final String FIELD_STATUS = "status";
    public static final String FIELD_PROGRESS = "progress";
    public static final String FIELD_UPDATED_AT = "updatedAt";
    public static final String FIELD_WORKER = "worker";

    private JobProgress() {
    }

    public static String redisKey(java.util.UUID jobId) {
        return KEY_PREFIX + jobId;
    }
}
