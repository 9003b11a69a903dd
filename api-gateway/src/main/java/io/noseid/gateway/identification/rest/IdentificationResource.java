package io.noseid.gateway.identification.rest;

import io.noseid.gateway.error.Problem;
import io.noseid.gateway.identification.service.IdentificationService;
import io.noseid.gateway.job.rest.JobAccepted;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/identifications")
@Tag(name = "Identifications")
public class IdentificationResource {

    private final IdentificationService identifications;

    public IdentificationResource(IdentificationService identifications) {
        this.identifications = identifications;
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Identify a dog", description = "Queues an identification job; poll the job for the result")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = JobAccepted.class)),
            headers = @Header(name = "Location", description = "/api/v1/jobs/{jobId}"))
    @APIResponse(responseCode = "400", description = "PHOTO_COUNT",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "PHOTO_TOO_LARGE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "UNSUPPORTED_MEDIA",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response identify(@BeanParam IdentificationForm form) {
        JobAccepted accepted = identifications.identify(form);
        return Response.accepted(accepted).header(HttpHeaders.LOCATION, accepted.statusUrl()).build();
    }
}
