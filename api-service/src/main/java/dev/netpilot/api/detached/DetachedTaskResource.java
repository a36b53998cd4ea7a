package dev.netpilot.api.detached;

import dev.netpilot.api.auth.Caller;
import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ErrorBody;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;

/** NetPulse's detached-task endpoints: tasks started with {@code "detach": true} on the paramiko driver. */
@Path("/detached-tasks")
@Produces(MediaType.APPLICATION_JSON)
public class DetachedTaskResource {

    private final DetachedTaskService tasks;

    public DetachedTaskResource(DetachedTaskService tasks) {
        this.tasks = tasks;
    }

    @GET
    @RequiresScope(Scope.READ)
    @Operation(summary = "The detached tasks being tracked",
            description = "Credentials in connection_args are masked. A task is `launching` until its launch job "
                    + "ended, then `running` or `completed` as the device last reported.")
    @APIResponse(responseCode = "200", description = "The tasks, oldest first",
            content = @Content(schema = @Schema(implementation = DetachedTask.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Unknown status",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<DetachedTask>> list(
            @Parameter(description = "launching, running or completed") @RestQuery String status) {
        return tasks.list(status);
    }

    @GET
    @Path("{taskId}")
    @RequiresScope(Scope.READ)
    @Operation(summary = "A detached task's status and its log from an offset",
            description = "Runs a short job on the task's device that reads the log from `offset` (bytes). Without "
                    + "`offset`, reading goes on where the previous query without one stopped. The entry's metadata "
                    + "holds is_running, pid, next_offset (pass it as the next offset), completed and exit_code.")
    @APIResponse(responseCode = "200", description = "The task's status and one result entry",
            content = @Content(schema = @Schema(implementation = DetachedTaskService.Query.class)))
    @APIResponse(responseCode = "404", description = "The task is not tracked",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "502", description = "The query job failed on the executor",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "504", description = "The device did not answer within 10 s",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<DetachedTaskService.Query> query(@RestPath String taskId,
                                                @Parameter(description = "Log position in bytes (0 or more)")
                                                @RestQuery Long offset,
                                                @Context RoutingContext routing) {
        return tasks.query(taskId, offset, Caller.of(routing));
    }

    @DELETE
    @Path("{taskId}")
    @RequiresScope(Scope.EXEC)
    @Operation(summary = "Kill a detached task",
            description = "Stops the task's process group on its device (TERM, then KILL), deletes its files there "
                    + "and stops tracking it.")
    @APIResponse(responseCode = "200", description = "{\"status\": \"killed\", \"task_id\": ...}")
    @APIResponse(responseCode = "404", description = "Not tracked, or no longer on the device",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "502", description = "The device could not be asked (the task stays tracked)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "504", description = "The device did not answer within 10 s",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Map<String, String>> kill(@RestPath String taskId, @Context RoutingContext routing) {
        return tasks.kill(taskId, Caller.of(routing));
    }

    @DELETE
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Stop tracking every detached task",
            description = "The tasks keep running on their devices; POST /detached-tasks/discover finds them.")
    @APIResponse(responseCode = "200", description = "{\"status\": \"cleared\", \"count\": N}")
    public Uni<Map<String, Object>> clear() {
        return tasks.clear();
    }

    @POST
    @Path("discover")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EXEC)
    @Operation(summary = "The detached tasks running on a host",
            description = "Body: {\"driver\": \"paramiko\", \"connection_args\": {...}}. Tracked tasks of the same "
                    + "login that are `running` but no longer found become `completed` (counted in synced_off).")
    @APIResponse(responseCode = "200", description = "{discovered, synced_off, tasks}",
            content = @Content(schema = @Schema(implementation = DetachedTaskService.Discovery.class)))
    @APIResponse(responseCode = "422", description = "Not paramiko, or no connection_args.host",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "502", description = "The host could not be asked",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "504", description = "The host did not answer within 10 s",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<DetachedTaskService.Discovery> discover(Map<String, Object> body, @Context RoutingContext routing) {
        return tasks.discover(body, Caller.of(routing));
    }
}
