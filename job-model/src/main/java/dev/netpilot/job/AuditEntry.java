package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of the audit trail ({@link RedisKeys#AUDIT_STREAM}): who (the API key's name, never its value) did what
 * (driver, action, commands) where (device), when, and how it ended. {@code result} is kept in {@code full} mode
 * only, with secrets masked. {@code id} is the stream entry id, set when read.
 *
 * @param event {@code job.ended} when an executor ended the job, {@code job.cancelled} when it was cancelled in
 *              its queue
 */
@JsonPropertyOrder({"id", "event", "job_id", "status", "api_key", "audit_mode", "driver", "action", "host", "port",
        "device_type", "username", "queue", "worker", "batch_id", "command", "created_at", "started_at", "ended_at",
        "duration", "error", "result"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(
        String id,
        String event,
        @JsonProperty("job_id") String jobId,
        JobStatus status,
        @JsonProperty("api_key") String apiKey,
        @JsonProperty("audit_mode") AuditMode auditMode,
        String driver,
        String action,
        String host,
        Object port,
        @JsonProperty("device_type") String deviceType,
        String username,
        String queue,
        String worker,
        @JsonProperty("batch_id") String batchId,
        List<String> command,
        @JsonProperty("created_at") @Job.Timestamp Instant createdAt,
        @JsonProperty("started_at") @Job.Timestamp Instant startedAt,
        @JsonProperty("ended_at") @Job.Timestamp Instant endedAt,
        Double duration,
        JobError error,
        JsonNode result) {

    public static final String JOB_ENDED = "job.ended";
    public static final String JOB_CANCELLED = "job.cancelled";
    public static final String REQUEST_REFUSED = "request.refused";

    /**
     * The entry of an ended job, or null when the request's mode is {@code none}. {@code request} may be null (a
     * stored request the executor could not read): the entry then holds what the job record knows.
     */
    public static AuditEntry of(String event, Job job, ExecutionRequest request, String apiKey) {
        AuditMode mode = request == null ? AuditMode.DEFAULT : request.effectiveAuditMode();
        if (mode == AuditMode.NONE) {
            return null;
        }
        Map<String, Object> args = request == null ? Map.of() : request.connectionArgs();
        JsonNode result = mode == AuditMode.FULL && job.result() != null
                ? Secrets.mask(job.result(), Secrets.valuesIn(args)) : null;
        List<String> command = job.command() == null ? null
                : job.command().stream().map(line -> Secrets.scrub(line, Secrets.valuesIn(args))).toList();
        return new AuditEntry(null, event, job.id(), job.status(), apiKey, mode,
                request == null ? null : request.driver().wire(), request == null ? null : action(request),
                job.deviceName(), args.get("port"), text(args.get("device_type")), text(args.get("username")),
                job.queue(), job.worker(), job.batchId(), command, job.createdAt(), job.startedAt(), job.endedAt(),
                job.duration(), job.result() == null ? null : job.result().error(), result);
    }

    /**
     * A change refused to a known API key ({@code apiKey}, by its name): {@code action} is the method and path
     * ({@code POST /device/exec}), {@code error} why (its type names the HTTP status).
     */
    public static AuditEntry refused(String apiKey, String action, JobError error, Instant at) {
        return new AuditEntry(null, REQUEST_REFUSED, null, null, apiKey, null, null, action, null, null, null, null,
                null, null, null, null, at, null, null, null, error, null);
    }

    /** This entry as read from the stream entry {@code streamId}. */
    public AuditEntry withId(String streamId) {
        return new AuditEntry(streamId, event, jobId, status, apiKey, auditMode, driver, action, host, port,
                deviceType, username, queue, worker, batchId, command, createdAt, startedAt, endedAt, duration, error,
                result);
    }

    private static String action(ExecutionRequest request) {
        if (request.fileTransfer() != null) {
            return "file_transfer";
        }
        if (request.config() != null) {
            return "config";
        }
        return request.command() != null ? "command" : "driver_args";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
