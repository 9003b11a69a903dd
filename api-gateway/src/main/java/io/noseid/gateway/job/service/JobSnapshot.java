package io.noseid.gateway.job.service;

import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.JobKind;
import io.noseid.shared.JobProgress;
import io.noseid.shared.JobStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A job's state as the API shows it, whether read from Redis or from MariaDB. */
public record JobSnapshot(UUID jobId, JobKind type, JobStatus status, double progress, Instant createdAt,
                          Instant updatedAt, String resultJson, String errorCode, String errorDetail) {

    /** Gateway-owned hash fields next to the shared ones of {@link JobProgress}. */
    static final String FIELD_TYPE = "type";
    static final String FIELD_CREATED_AT = "createdAt";
    static final String FIELD_RESULT = "result";
    static final String FIELD_ERROR_CODE = "errorCode";
    static final String FIELD_ERROR_DETAIL = "errorDetail";
    static final String FIELD_ERROR = "error";
    /**
     * The final status, written once by the gateway. The worker may still write {@code status=RUNNING} after the
     * result was processed (a late progress update); this field keeps the job final anyway.
     */
    static final String FIELD_FINAL_STATUS = "finalStatus";

    public static JobSnapshot of(JobEntity job) {
        return new JobSnapshot(UUID.fromString(job.id), job.type, job.status, job.progress, job.createdAt,
                job.updatedAt, job.resultJson, job.errorCode, job.errorDetail);
    }

    Map<String, String> toHash(String errorJson) {
        Map<String, String> fields = new HashMap<>();
        fields.put(JobProgress.FIELD_STATUS, status.name());
        fields.put(JobProgress.FIELD_PROGRESS, Double.toString(progress));
        fields.put(JobProgress.FIELD_UPDATED_AT, Timestamps.format(updatedAt));
        fields.put(FIELD_TYPE, type.name());
        fields.put(FIELD_CREATED_AT, Timestamps.format(createdAt));
        if (status.isFinal()) {
            fields.put(FIELD_FINAL_STATUS, status.name());
        }
        if (resultJson != null) {
            fields.put(FIELD_RESULT, resultJson);
        }
        if (errorCode != null) {
            fields.put(FIELD_ERROR_CODE, errorCode);
            fields.put(FIELD_ERROR_DETAIL, errorDetail == null ? "" : errorDetail);
            fields.put(FIELD_ERROR, errorJson);
        }
        return fields;
    }

    /** Empty when the hash lacks the gateway's own fields (then MariaDB is asked). */
    static Optional<JobSnapshot> fromHash(UUID jobId, Map<String, String> hash) {
        if (hash == null || !hash.containsKey(FIELD_TYPE) || !hash.containsKey(FIELD_CREATED_AT)) {
            return Optional.empty();
        }
        JobStatus status = parseStatus(hash.getOrDefault(FIELD_FINAL_STATUS, hash.get(JobProgress.FIELD_STATUS)));
        double progress = parseProgress(hash.get(JobProgress.FIELD_PROGRESS));
        if (status == JobStatus.SUCCEEDED) {
            progress = 1.0;
        }
        Instant created = Timestamps.parse(hash.get(FIELD_CREATED_AT));
        Instant updated = Timestamps.parse(hash.get(JobProgress.FIELD_UPDATED_AT));
        return Optional.of(new JobSnapshot(jobId, JobKind.valueOf(hash.get(FIELD_TYPE)), status, progress, created,
                updated == null ? created : updated, hash.get(FIELD_RESULT), hash.get(FIELD_ERROR_CODE),
                hash.get(FIELD_ERROR_DETAIL)));
    }

    private static JobStatus parseStatus(String value) {
        if (value == null) {
            return JobStatus.QUEUED;
        }
        try {
            return JobStatus.valueOf(value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return JobStatus.RUNNING;
        }
    }

    private static double parseProgress(String value) {
        if (value == null) {
            return 0;
        }
        try {
            double p = Double.parseDouble(value.trim());
            return Double.isFinite(p) ? Math.max(0, Math.min(1, p)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
