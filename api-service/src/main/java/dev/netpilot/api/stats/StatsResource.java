package dev.netpilot.api.stats;

import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ErrorBody;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/system/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final StatsService stats;

    public StatsResource(StatsService stats) {
        this.stats = stats;
    }

    @GET
    @RequiresScope(Scope.READ)
    @Operation(summary = "Executors, job counts, queue depths and self-healing events",
            description = "NetPulse's SystemStatsResponse. Job counts come from counters kept in Redis by the "
                    + "scripts that change a job's status: queued and in_progress are current, the others totals.")
    @APIResponse(responseCode = "200", description = "The numbers",
            content = @Content(schema = @Schema(implementation = SystemStats.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'read' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<SystemStats> stats() {
        return stats.read();
    }
}
