package dev.netpilot.api.detached;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.netpilot.job.DetachedLogin;
import dev.netpilot.job.Job;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A detached task as the API tracks it (NetPulse's {@code DetachedTaskInResponse}, plus {@code job_id}, the launch
 * job, and {@code pid}). Secret-free: {@code connection_args} has every credential masked; what managing the task
 * needs is kept apart ({@link DetachedLogin}).
 *
 * @param status       {@code launching} until the launch job ended, then {@code running} or {@code completed}
 * @param lastSync     when the device was last asked about the task, or null
 * @param pushInterval seconds between log pushes to the launch's webhook, or null (the executors make the pushes,
 *                     with their own cursor)
 * @param lastOffset   the log position after the last query without an explicit {@code offset}
 */
@JsonPropertyOrder({"task_id", "command", "host", "driver", "status", "last_sync", "created_at", "push_interval",
        "last_offset", "connection_args", "job_id", "pid"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DetachedTask(
        @JsonProperty("task_id") String taskId,
        List<String> command,
        String host,
        String driver,
        String status,
        @JsonProperty("last_sync") @Job.Timestamp Instant lastSync,
        @JsonProperty("created_at") @Job.Timestamp Instant createdAt,
        @JsonProperty("push_interval") Integer pushInterval,
        @JsonProperty("last_offset") long lastOffset,
        @JsonProperty("connection_args") Map<String, Object> connectionArgs,
        @JsonProperty("job_id") String jobId,
        Integer pid) {

    public static final String LAUNCHING = "launching";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final Set<String> STATUSES = Set.of(LAUNCHING, RUNNING, COMPLETED);

    /** Keys whose values never leave the API, at any depth of {@code connection_args}. */
    private static final Set<String> SECRET_KEYS = Set.of("password", "secret", "pkey", "passphrase", "private_key",
            "token", "proxy_password", "proxy_pkey", "proxy_passphrase", "sudo_password", "api_key");
    static final String MASK = "******";

    /** The task as the device last reported it. */
    DetachedTask synced(String newStatus, Integer newPid, Long offset, Instant at) {
        return new DetachedTask(taskId, command, host, driver, newStatus, at, createdAt, pushInterval,
                offset == null ? lastOffset : offset, connectionArgs, jobId, newPid == null ? pid : newPid);
    }

    /** {@code args} with every secret value replaced by {@value #MASK}, recursively. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> masked(Map<String, Object> args) {
        Map<String, Object> copy = new LinkedHashMap<>();
        args.forEach((key, value) -> {
            if (SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT)) && value != null) {
                copy.put(key, MASK);
            } else if (value instanceof Map<?, ?> nested) {
                copy.put(key, masked((Map<String, Object>) nested));
            } else {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
