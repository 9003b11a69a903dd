package io.noseid.gateway.matcher.rest;

import io.noseid.gateway.error.Problem;
import io.noseid.gateway.matcher.service.MatcherStatusService;
import io.noseid.gateway.security.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/matcher")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Matcher")
public class MatcherResource {

    private final MatcherStatusService status;
    private final Caller caller;

    public MatcherResource(MatcherStatusService status, Caller caller) {
        this.status = status;
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
}
