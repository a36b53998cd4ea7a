package dev.netpilot.api.knownhost;

import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ErrorBody;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;
import java.util.Map;

@Path("/known-hosts")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.ADMIN)
public class KnownHostResource {

    private final KnownHostService knownHosts;

    public KnownHostResource(KnownHostService knownHosts) {
        this.knownHosts = knownHosts;
    }

    @GET
    @Operation(summary = "The SSH host keys the executors recorded",
            description = "With host_key_policy accept-new (the default) the first key a device shows is recorded "
                    + "here, and a different key later is refused.")
    @APIResponse(responseCode = "200", description = "The recorded keys, by address",
            content = @Content(schema = @Schema(implementation = KnownHost.class)))
    @APIResponse(responseCode = "403", description = "The key lacks the admin scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<KnownHost>> list() {
        return knownHosts.list();
    }

    @DELETE
    @Path("{address}")
    @Operation(summary = "Forget a device's host key",
            description = "For a device replaced or re-keyed on purpose: the next connection records its new key.")
    @APIResponse(responseCode = "200", description = "The key is forgotten", content = @Content(
            schema = @Schema(properties = {@SchemaProperty(name = "address"), @SchemaProperty(name = "status")})))
    @APIResponse(responseCode = "403", description = "The key lacks the admin scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No key is recorded for that address",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Map<String, String>> forget(@RestPath String address) {
        return knownHosts.forget(address).replaceWith(Map.of("address", address, "status", "forgotten"));
    }
}
