package dev.netpilot.executor.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobResult;
import dev.netpilot.job.JobStatus;
import dev.netpilot.job.Secrets;

import java.time.Instant;
import java.util.List;

/**
 * The webhook payload of an ended job, in NetPulse's shape ({@code id}, {@code status}, {@code event_type},
 * {@code final}, {@code timestamp}, {@code started_at}, {@code ended_at}, {@code duration}, {@code result},
 * {@code device}, {@code task_id}, {@code device_name}, {@code command}) plus {@code batch_id}. The result's secrets
 * are masked.
 */
public final class JobWebhooks {

    public static final String COMPLETED = "job.completed";
    public static final String FAILED = "job.failed";
    public static final String CANCELLED = "job.cancelled";

    private JobWebhooks() {
    }

    /** NetPulse's event type of an ended job; {@code job.cancelled} is ours (NetPulse cannot cancel). */
    public static String eventType(JobStatus status) {
        return switch (status) {
            case FINISHED -> COMPLETED;
            case CANCELLED -> CANCELLED;
            default -> FAILED;
        };
    }

    public static ObjectNode payload(Job job, ExecutionRequest request) {
        List<String> secrets = Secrets.valuesIn(request.connectionArgs());
        ObjectNode payload = JobJson.mapper().createObjectNode();
        payload.put("id", job.id());
        payload.put("status", job.status().wire());
        payload.put("event_type", eventType(job.status()));
        payload.put("final", true);
        payload.put("timestamp", JobJson.formatTimestamp(Instant.now()));
        payload.put("started_at", job.startedAt() == null ? null : JobJson.formatTimestamp(job.startedAt()));
        payload.put("ended_at", job.endedAt() == null ? null : JobJson.formatTimestamp(job.endedAt()));
        payload.put("duration", job.duration());
        payload.set("result", result(job.result(), secrets));
        ObjectNode device = payload.putObject("device");
        Object host = request.connectionArgs().get("host");
        Object deviceType = request.connectionArgs().get("device_type");
        if (host != null) {
            device.put("host", host.toString());
        }
        if (deviceType != null) {
            device.put("device_type", deviceType.toString());
        }
        if (device.isEmpty()) {
            payload.putNull("device");
        }
        payload.put("task_id", job.taskId());
        payload.put("device_name", job.deviceName());
        payload.set("command", Secrets.mask(job.command(), secrets));
        payload.put("batch_id", job.batchId());
        return payload;
    }

    /** The result with its type as NetPulse's webhook names it ({@code successful}, {@code failed}, ...). */
    private static JsonNode result(JobResult result, List<String> secrets) {
        if (result == null) {
            return null;
        }
        ObjectNode masked = (ObjectNode) Secrets.mask(result, secrets);
        masked.put("type", switch (result.type()) {
            case JobResult.SUCCESSFUL -> "successful";
            case JobResult.FAILED -> "failed";
            case JobResult.STOPPED -> "stopped";
            default -> "retried";
        });
        return masked;
    }
}
