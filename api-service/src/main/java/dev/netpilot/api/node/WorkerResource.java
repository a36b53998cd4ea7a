package dev.netpilot.api.node;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;

@Path("/workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {

    private final WorkerService workers;

    public WorkerResource(WorkerService workers) {
        this.workers = workers;
    }

    @GET
    @RequiresScope(Scope.READ)
    @Operation(summary = "The live executor nodes",
            description = "Each node with its load and capacity, its FIFO activity, and the pinned devices it owns "
                    + "with the state of their kept sessions.")
    @APIResponse(responseCode = "200", description = "The nodes, by name",
            content = @Content(schema = @Schema(implementation = Worker.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<Worker>> list(@Parameter(description = "Only the node with this name") @RestQuery String node) {
        return workers.list(node);
    }

    @DELETE
    @Path("{name}")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Drain a node",
            description = "The node finishes its running jobs, takes no more, hands its pinned devices to other "
                    + "nodes and stops.")
    @APIResponse(responseCode = "200", description = "The node is draining", content = @Content(
            schema = @Schema(properties = {@SchemaProperty(name = "name"), @SchemaProperty(name = "status")})))
    @APIResponse(responseCode = "403", description = "The key lacks the admin scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No live node with that name",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Map<String, String>> drain(@RestPath String name) {
        return workers.drain(name).replaceWith(Map.of("name", name, "status", "draining"));
    }
}
