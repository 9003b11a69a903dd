package io.noseid.gateway.job.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.noseid.gateway.job.JobKind;
import io.noseid.shared.JobStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        UUID jobId,
        JobKind type,
        JobStatus status,
        @Schema(minimum = "0", maximum = "1") double progress,
        @Schema(format = "date-time", description = "ISO-8601 with offset") String createdAt,
        @Schema(format = "date-time", description = "ISO-8601 with offset") String updatedAt,
        @Schema(description = "present when SUCCEEDED") ResultView result,
        @Schema(description = "present when FAILED") JobErrorView error) {
}
