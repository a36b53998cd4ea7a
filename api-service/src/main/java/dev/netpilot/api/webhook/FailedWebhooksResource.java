package dev.netpilot.api.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.Pages;
import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /webhooks/failed}: the webhook deliveries that gave up (every retry failed, or the host is not allowed),
 * newest first, from the {@code np:webhooks:failed} stream the executors write. It shows URLs' hosts and job ids of
 * every API key, so it needs the {@code admin} scope. No secret is ever in it.
 */
@Path("/webhooks/failed")
@Produces(MediaType.APPLICATION_JSON)
public class FailedWebhooksResource {

    private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

    /**
     * One delivery that gave up: {@code id} is its place in the stream (the cursor of the page after it),
     * {@code subject} the job id (or the detached task id of a log push), {@code url} the receiver's
     * {@code scheme://host:port} only, {@code error} the last attempt's.
     */
    public record FailedDelivery(String id, @JsonProperty("failed_at") String failedAt, String delivery, String event,
                                 String subject, String url, Integer attempts, String error) {
    }

    private final Redis redis;
    private final ApiConfig config;

    public FailedWebhooksResource(Redis redis, ApiConfig config) {
        this.redis = redis;
        this.config = config;
    }

    @GET
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Webhook deliveries that gave up, newest first",
            description = "A delivery gives up when its last retry failed, or at once when its host is not in "
                    + "np.webhook.allow-hosts. When more may follow, the X-Next-Cursor header (and a Link header "
                    + "with rel=\"next\") holds the cursor of the next page. The newest np.webhook.failed-kept "
                    + "(10,000 by default) are kept.")
    @APIResponse(responseCode = "200", description = "The deliveries of this page",
            headers = {@Header(name = "X-Next-Cursor", description = "Pass as `cursor` for the next page; absent "
                    + "on the last page"), @Header(name = "Link", description = "rel=\"next\" URL of the next page")},
            content = @Content(schema = @Schema(implementation = FailedDelivery.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'admin' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "limit out of range, or a cursor that is not an entry id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<List<FailedDelivery>>> list(
            @Parameter(description = "Deliveries per page, 1 to 1000 (default 100)") @RestQuery Integer limit,
            @Parameter(description = "The X-Next-Cursor of the previous page") @RestQuery String cursor,
            @Context RoutingContext routing) {
        int size = Pages.size(limit);
        if (cursor != null && !ENTRY_ID.matcher(cursor).matches()) {
            throw InvalidRequestException.ofQuery("cursor", "must be the X-Next-Cursor of an earlier page "
                    + "(like 1800000000000-0), got '" + cursor + "'");
        }
        // one more than asked: whether a next page exists without a second read
        return redis.send(Request.cmd(Command.XREVRANGE).arg(RedisKeys.WEBHOOKS_FAILED)
                        .arg(cursor == null ? "+" : "(" + cursor).arg("-").arg("COUNT").arg(size + 1))
                .map(entries -> {
                    List<FailedDelivery> page = new ArrayList<>();
                    for (int i = 0; entries != null && i < Math.min(size, entries.size()); i++) {
                        page.add(delivery(entries.get(i)));
                    }
                    String next = entries != null && entries.size() > size ? page.get(page.size() - 1).id() : null;
                    return Pages.of(page, next, "/webhooks/failed", routing, config.keyName());
                });
    }

    private static FailedDelivery delivery(Response entry) {
        String id = entry.get(0).toString();
        Map<String, String> fields = new HashMap<>();
        Response flat = entry.get(1);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        Integer attempts;
        try {
            attempts = Integer.valueOf(fields.get("attempts"));
        } catch (NumberFormatException e) {
            attempts = null;
        }
        long millis = Long.parseLong(id.substring(0, id.indexOf('-')));
        return new FailedDelivery(id, JobJson.formatTimestamp(Instant.ofEpochMilli(millis)), fields.get("delivery"),
                fields.get("event"), fields.get("subject"), fields.get("url"), attempts, fields.get("error"));
    }
}
