package io.noseid.gateway.job.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.gateway.error.ApiException;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.StoredResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

/** Reads a job from Redis, or from MariaDB when Redis lost it or cannot answer. */
@ApplicationScoped
public class JobQueryService {

    private static final Logger LOG = Logger.getLogger(JobQueryService.class);

    private final JobProgressStore progress;
    private final ObjectMapper mapper;

    public JobQueryService(JobProgressStore progress, ObjectMapper mapper) {
        this.progress = progress;
        this.mapper = mapper;
    }

    /** A job as it stands, with its result when it has one. */
    public record FoundJob(JobSnapshot snapshot, Optional<StoredResult> result) {
    }

    public FoundJob find(String jobIdText) {
        UUID jobId = parse(jobIdText);
        Optional<JobSnapshot> snapshot;
        try {
            snapshot = progress.read(jobId);
        } catch (RuntimeException e) {
            LOG.warnf("Redis did not answer for job %s, reading MariaDB: %s", jobId, e.getMessage());
            snapshot = Optional.empty();
        }
        JobSnapshot found = snapshot.or(() -> fromDatabase(jobId))
                .orElseThrow(() -> notFound(jobIdText));
        return new FoundJob(found, result(found));
    }

    private Optional<JobSnapshot> fromDatabase(UUID jobId) {
        try {
            return JobEntity.<JobEntity>findByIdOptional(jobId.toString()).map(JobSnapshot::of);
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The job store is not available; retry later", e);
        }
    }

    private Optional<StoredResult> result(JobSnapshot s) {
        if (s.resultJson() == null || s.resultJson().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(s.resultJson(), StoredResult.class));
        } catch (JsonProcessingException e) {
            LOG.errorf("Stored result of job %s is not readable: %s", s.jobId(), e.getMessage());
            return Optional.empty();
        }
    }

    private static UUID parse(String text) {
        try {
            UUID id = UUID.fromString(text);
            // UUID.fromString accepts short forms such as 1-2-3-4-5; only the canonical form names a job
            if (!id.toString().equalsIgnoreCase(text)) {
                throw notFound(text);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw notFound(text);
        }
    }

    private static ApiException notFound(String jobId) {
        return new ApiException(ErrorCode.JOB_NOT_FOUND, "No job with id " + jobId);
    }
}
