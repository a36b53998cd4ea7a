package dev.netpilot.api.audit;

import dev.netpilot.api.auth.ApiKeyFilter;
import dev.netpilot.api.auth.Caller;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.job.AuditEntry;
import dev.netpilot.job.JobError;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts in the audit trail every change that the API refused to a known API key: a missing scope (403), an invalid
 * request (422) or a request already being answered (409). Reads are not recorded, nor requests without a known key
 * (401), which anyone could send to push real entries out of the capped trail. An invalid request is recorded by
 * the fields that were wrong, never by their values.
 */
public class RefusalAudit {

    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Redis redis;

    public RefusalAudit(Redis redis) {
        this.redis = redis;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response, RoutingContext routing) {
        int status = response.getStatus();
        if ((status != 403 && status != 409 && status != 422) || READS.contains(request.getMethod())) {
            return;
        }
        Caller caller = Caller.orNull(routing);
        if (caller == null) {
            return;
        }
        String action = ApiKeyFilter.action(request);
        AuditEntry entry = AuditEntry.refused(caller.name(), action,
                new JobError("HTTP " + status, reason(status, response.getEntity())), Instant.now());
        redis.send(Request.cmd(Command.XADD).arg(RedisKeys.AUDIT_STREAM).arg("*")
                        .arg(RedisKeys.AUDIT_ENTRY_FIELD).arg(JobJson.write(entry)))
                .subscribe().with(ignored -> { }, failure -> Log.warnf("Could not audit the refused %s of key '%s': %s",
                        action, caller.name(), failure.getMessage()));
    }

    private static String reason(int status, Object entity) {
        ErrorBody body = entity instanceof ErrorBody error ? error : null;
        if (status != 422) {
            return body == null ? null : body.detail();
        }
        if (body == null || body.errors() == null || body.errors().isEmpty()) {
            return "invalid request";
        }
        return "invalid: " + body.errors().stream().map(problem -> problem.loc().stream().map(Objects::toString)
                .collect(Collectors.joining("."))).distinct().collect(Collectors.joining(", "));
    }
}
