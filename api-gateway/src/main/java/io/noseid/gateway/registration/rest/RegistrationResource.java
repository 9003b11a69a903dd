package io.noseid.gateway.registration.rest;

import io.noseid.gateway.error.Problem;
import io.noseid.gateway.job.rest.JobAccepted;
import io.noseid.gateway.registration.service.RegistrationService;
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

@Path("/api/v1/registrations")
@Tag(name = "Registrations")
public class RegistrationResource {

    private final RegistrationService registrations;

    public RegistrationResource(RegistrationService registrations) {
        this.registrations = registrations;
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a dog", description = "Queues a registration job; poll the job for the result")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = JobAccepted.class)),
            headers = @Header(name = "Location", description = "/api/v1/jobs/{jobId}"))
    @APIResponse(responseCode = "400", description = "PHOTO_COUNT or FIELD_INVALID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "PHOTO_TOO_LARGE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "UNSUPPORTED_MEDIA",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@BeanParam RegistrationForm form) {
        JobAccepted accepted = registrations.register(form);
        // relative, exactly as the contract shows it (location() would make it absolute)
        return Response.accepted(accepted).header(HttpHeaders.LOCATION, accepted.statusUrl()).build();
    }
}
