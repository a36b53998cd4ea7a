package dev.netpilot.executor.audit;

import dev.netpilot.job.AuditEntry;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.List;

/**
 * Writes the audit trail ({@link RedisKeys#AUDIT_STREAM}): one {@link AuditEntry} per ended job, written with the
 * job's end, in the request's {@code audit_mode}. The stream is capped by count on every write (approximately,
 * {@code MAXLEN ~}) and trimmed by age ({@code MINID ~}) every {@code np.audit.trim-interval} by each executor.
 */
@ApplicationScoped
public class AuditTrail {

    private final Redis redis;
    private final Vertx vertx;
    private final AuditConfig config;
    private long trimTimer = -1;

    public AuditTrail(Redis redis, Vertx vertx, AuditConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        trimTimer = vertx.setPeriodic(config.trimInterval().toMillis(), id -> trimOld());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(trimTimer);
    }

    /** The write of an ended job's entry, for the MULTI that records the end; empty in {@code none} mode. */
    public List<Request> entryFor(Job ended, ExecutionRequest request, String apiKey) {
        AuditEntry entry = AuditEntry.of(AuditEntry.JOB_ENDED, ended, request, apiKey);
        if (entry == null) {
            return List.of();
        }
        return List.of(Request.cmd(Command.XADD).arg(RedisKeys.AUDIT_STREAM)
                .arg("MAXLEN").arg("~").arg(String.valueOf(config.maxEntries())).arg("*")
                .arg(RedisKeys.AUDIT_ENTRY_FIELD).arg(JobJson.write(entry)));
    }

    /** Drops the entries older than the retention (stream ids start with their epoch milliseconds). */
    void trimOld() {
        long oldest = Instant.now().minus(config.retention()).toEpochMilli();
        redis.send(Request.cmd(Command.XTRIM).arg(RedisKeys.AUDIT_STREAM).arg("MINID").arg("~")
                        .arg(String.valueOf(oldest)))
                .subscribe().with(trimmed -> {
                    if (trimmed != null && trimmed.toLong() > 0) {
                        Log.debugf("Trimmed %d audit entries older than %s", trimmed.toLong(), config.retention());
                    }
                }, failure -> Log.warnf("Could not trim the audit trail: %s", failure.getMessage()));
    }
}
