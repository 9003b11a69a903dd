package io.noseid.gateway.matcher.rest;

import io.noseid.gateway.error.Problem;
import io.noseid.gateway.job.rest.JobAccepted;
import io.noseid.gateway.matcher.service.AdaptationService;
import io.noseid.gateway.matcher.service.MatcherStatusService;
import io.noseid.gateway.security.Caller;
import jakarta.ws.rs.GET;
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

@Path("/api/v1/admin/matcher")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Matcher")
public class MatcherResource {

    private final MatcherStatusService status;
    private final AdaptationService adaptations;
    private final Caller caller;

    public MatcherResource(MatcherStatusService status, AdaptationService adaptations, Caller caller) {
        this.status = status;
        this.adaptations = adaptations;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The matcher as the workers serve it now (admin)",
            description = "Version, dogs in the index, the false accept rate the threshold is set for, and the one "
                    + "measured on this gallery once an adaptation has measured it")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MatcherView.class)))
    @APIResponse(responseCode = "403", description = "FORBIDDEN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: no worker has reported recently",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MatcherView get() {
        caller.requireAdmin();
        MatcherStatusService.ServedMatcher served = status.served();
        return new MatcherView(served.matcherVersion(), served.adaptedAt(), served.dogs(), served.targetFar(),
                served.estimatedFar());
    }

    @POST
    @Path("/adaptations")
    @Operation(summary = "Adapt the matcher to the enrolled dogs (admin)",
            description = "No body. Queues an ADAPTATION job; poll it like any job. The workers build a new matcher "
                    + "version from the enrolled dogs' photos, re-index every dog and switch to it together; until "
                    + "then registration and identification go on with the current version. One adaptation at a "
                    + "time.")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = JobAccepted.class)),
            headers = @Header(name = "Location", description = "/api/v1/jobs/{jobId}"))
    @APIResponse(responseCode = "403", description = "FORBIDDEN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "ADAPTATION_RUNNING: another adaptation is queued or running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response startAdaptation() {
        caller.requireAdmin();
        JobAccepted accepted = adaptations.start();
        // relative, exactly as the contract shows it (location() would make it absolute)
        return Response.accepted(accepted).header(HttpHeaders.LOCATION, accepted.statusUrl()).build();
    }
}
