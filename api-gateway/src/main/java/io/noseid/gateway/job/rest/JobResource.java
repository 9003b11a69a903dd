package io.noseid.gateway.job.rest;

import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.gateway.error.Problem;
import io.noseid.gateway.job.service.JobQueryService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class JobResource {

    private final JobQueryService jobs;
    private final NoseIdConfig config;

    public JobResource(JobQueryService jobs, NoseIdConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    @GET
    @Path("/{jobId}")
    @Operation(summary = "Poll a job", description = "Retry-After is set while the job has not ended; photo reasons "
            + "are in the language of Accept-Language (ko or en, en otherwise)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JobView.class)),
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "404", description = "JOB_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("jobId") String jobId, @Context HttpHeaders headers) {
        JobView view = JobViewMapper.toView(jobs.find(jobId), Languages.preferred(headers.getAcceptableLanguages()));
        Response.ResponseBuilder response = Response.ok(view);
        if (!view.status().isFinal()) {
            response.header(HttpHeaders.RETRY_AFTER, config.jobs().retryAfterSeconds());
        }
        return response.build();
    }
}
