package dev.netpilot.api.batch;

import dev.netpilot.api.auth.Caller;
import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.api.template.JobTemplates;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.api.idempotency.Idempotency;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private final BatchService batches;
    private final BulkRequestReader reader;
    private final JobTemplates templates;

    public BatchResource(BatchService batches, BulkRequestReader reader, JobTemplates templates) {
        this.batches = batches;
        this.reader = reader;
        this.templates = templates;
    }

    @POST
    @Path("device/bulk")
    @RequiresScope({Scope.EXEC, Scope.CONFIG})
    @Operation(summary = "Queue one job per device, grouped under a batch_id",
            description = "The body is an ExecutionRequest (ttl defaults to 600) plus `devices`: one object per "
                    + "device with connection-argument overrides and at most one of command, config, file_transfer. "
                    + "Every device's request is validated; if any is invalid nothing is queued. Devices whose job "
                    + "cannot be queued are listed in `failed` while the others are queued.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BulkRequestDocument.class)))
    @APIResponse(responseCode = "201", description = "The batch: queued jobs and devices that failed",
            content = @Content(schema = @Schema(implementation = BulkResponse.class)))
    @APIResponse(responseCode = "200", description = "A repeat with the same Idempotency-Key: the original answer, "
            + "nothing queued", headers = @Header(name = Idempotency.REPLAYED_HEADER),
            content = @Content(schema = @Schema(implementation = BulkResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the scope a device's job needs",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still being answered",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "The body or a device entry is invalid (`errors` names each, "
            + "by device index), or the Idempotency-Key was used with a different body",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<BulkResponse>> bulk(String body,
                                                @Parameter(description = "Makes retries safe: the same key (per API "
                                                        + "key) within the ttl returns the original answer")
                                                @RestHeader(Idempotency.HEADER) String idempotencyKey,
                                                @Context RoutingContext routing) {
        BulkRequestReader.Bulk bulk = reader.read(body);
        Uni<List<ExecutionRequest>> rendered = bulk.requests().isEmpty()
                ? Uni.createFrom().item(List.of())
                : Uni.join().all(bulk.requests().stream().map(templates::prepare).toList()).andFailFast();
        return rendered.chain(ready -> batches.submit(new BulkRequestReader.Bulk(bulk.body(), bulk.ttl(), ready),
                        Caller.of(routing), idempotencyKey))
                .map(outcome -> outcome.replayed()
                ? RestResponse.ResponseBuilder.ok(outcome.answer()).header(Idempotency.REPLAYED_HEADER, "true").build()
                : RestResponse.status(RestResponse.Status.CREATED, outcome.answer()));
    }

    @GET
    @Path("batches/{batch_id}")
    @RequiresScope(Scope.READ)
    @Operation(summary = "Progress of a bulk request: its jobs by status",
            description = "Counts every job of the batch by status (`expired` for jobs whose record is gone); "
                    + "`done` is true once none is queued or started.")
    @APIResponse(responseCode = "200", description = "The batch's progress",
            content = @Content(schema = @Schema(implementation = BatchProgress.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'read' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such batch: it expired with its jobs or never existed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<BatchProgress> batch(@RestPath("batch_id") String batchId) {
        return batches.progress(batchId);
    }
}
