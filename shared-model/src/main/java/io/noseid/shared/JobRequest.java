package io.noseid.shared;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job published by the gateway on a job queue.
 *
 * @param version     message format version, {@link #CURRENT_VERSION} when written by this code
 * @param jobId       correlation id: the job's id in the API, in Redis keys and in logs
 * @param type        what to do
 * @param dogId       REGISTRATION: the id the dog gets if it is new; REMOVAL: the dog to remove; else null
 * @param photos      the nose photos, in request order (empty for REMOVAL)
 * @param submittedAt when the gateway accepted the request
 */
public record JobRequest(int version, UUID jobId, JobType type, UUID dogId, List<PhotoRef> photos, Instant submittedAt) {

    public static final int CURRENT_VERSION = 1;

    public JobRequest {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    public static JobRequest registration(UUID jobId, UUID dogId, List<PhotoRef> photos, Instant submittedAt) {
        return new JobRequest(CURRENT_VERSION, jobId, JobType.REGISTRATION, dogId, photos, submittedAt);
    }

    public static JobRequest identification(UUID jobId, List<PhotoRef> photos, Instant submittedAt) {
        return new JobRequest(CURRENT_VERSION, jobId, JobType.IDENTIFICATION, null, photos, submittedAt);
    }

    public static JobRequest adaptation(UUID jobId, Instant submittedAt) {
        return new JobRequest(CURRENT_VERSION, jobId, JobType.ADAPTATION, null, List.of(), submittedAt);
    }

    public static JobRequest removal(UUID jobId, UUID dogId, Instant submittedAt) {
        return new JobRequest(CURRENT_VERSION, jobId, JobType.REMOVAL, dogId, List.of(), submittedAt);
    }
}
