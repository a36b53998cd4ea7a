package dev.netpilot.api.health;

import dev.netpilot.api.job.JobStore;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Duration;
import java.util.Map;

/**
 * NetPulse's {@code GET /health}, but true: it answers {@code ok} only when Redis answers. Open without an API
 * key, like the {@code /q/health} probes.
 */
@Path("/health")
public class HealthResource {

    private final JobStore store;

    public HealthResource(JobStore store) {
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "ok when the service can reach Redis; 503 otherwise")
    public Uni<RestResponse<Map<String, String>>> health() {
        return store.ping()
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .map(ignored -> RestResponse.ok(Map.of("status", "ok")))
                .onFailure().recoverWithItem(failure -> RestResponse.status(RestResponse.Status.SERVICE_UNAVAILABLE,
                        Map.of("status", "unavailable", "detail", "Redis is not reachable: " + failure.getMessage())));
    }
}
