package dev.netpilot.api.audit;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.Pages;
import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.job.AuditEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * {@code GET /audit}: the audit trail, newest first. It names API keys and shows what every key did, so it needs the
 * {@code admin} scope.
 */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditSearch search;
    private final ApiConfig config;

    public AuditResource(AuditSearch search, ApiConfig config) {
        this.search = search;
        this.config = config;
    }

    @GET
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "The audit trail: who ran what, where, when and how it ended, newest first",
            description = "One entry per ended job (and per job cancelled in its queue), as the request's "
                    + "audit_mode kept it. Every given filter must match. When more entries may follow, the "
                    + "X-Next-Cursor header (and a Link header with rel=\"next\") holds the cursor of the next page.")
    @APIResponse(responseCode = "200", description = "The entries of this page",
            headers = {@Header(name = "X-Next-Cursor", description = "Pass as `cursor` for the next page; absent "
                    + "on the last page"), @Header(name = "Link", description = "rel=\"next\" URL of the next page")},
            content = @Content(schema = @Schema(implementation = AuditEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'admin' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Unknown status, a bad time, limit out of range or a foreign "
            + "cursor", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<List<AuditEntry>>> list(
            @Parameter(description = "Device host (connection_args.host)") @RestQuery String host,
            @Parameter(description = "Name of the API key that submitted the job") @RestQuery String key,
            @Parameter(description = "finished, failed or cancelled") @RestQuery String status,
            @Parameter(description = "A job id") @RestQuery("job_id") String jobId,
            @Parameter(description = "Entries written at or after this time: ISO-8601 with offset, or Unix seconds")
            @RestQuery String since,
            @Parameter(description = "Entries written at or before this time: ISO-8601 with offset, or Unix seconds")
            @RestQuery String until,
            @Parameter(description = "Entries per page, 1 to 1000 (default 100)") @RestQuery Integer limit,
            @Parameter(description = "The X-Next-Cursor of the previous page") @RestQuery String cursor,
            @Context RoutingContext routing) {
        AuditFilter filter = AuditFilter.of(host, key, status, jobId, since, until);
        return search.search(filter, Pages.size(limit), cursor)
                .map(page -> Pages.of(page.entries(), page.nextCursor(), "/audit", routing, config.keyName()));
    }
}
