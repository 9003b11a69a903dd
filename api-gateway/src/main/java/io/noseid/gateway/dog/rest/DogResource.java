package io.noseid.gateway.dog.rest;

import io.noseid.gateway.dog.service.DogService;
import io.noseid.gateway.error.Problem;
import io.noseid.gateway.security.Caller;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/dogs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dogs")
public class DogResource {

    private final DogService dogs;
    private final Caller caller;

    public DogResource(DogService dogs, Caller caller) {
        this.dogs = dogs;
        this.caller = caller;
    }

    @GET
    @Path("/{registrationNumber}")
    @Operation(summary = "Read a dog", description = "Owner phone and e-mail are masked for client keys")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DogView.class)))
    @APIResponse(responseCode = "404", description = "DOG_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DogView get(@PathParam("registrationNumber") String registrationNumber) {
        return dogs.find(registrationNumber, caller.isAdmin());
    }

    @DELETE
    @Path("/{registrationNumber}")
    @Operation(summary = "Delete a dog (admin)",
            description = "Removes the dog, its photos, its owner when no other dog remains, and its templates")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "FORBIDDEN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "DOG_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("registrationNumber") String registrationNumber) {
        caller.requireAdmin();
        dogs.delete(registrationNumber);
        return Response.noContent().build();
    }
}
