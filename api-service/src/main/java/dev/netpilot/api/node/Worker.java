package dev.netpilot.api.node;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.netpilot.job.Job;

import java.time.Instant;
import java.util.List;

/**
 * An executor node as {@code GET /workers} shows it: NetPulse's {@code WorkerInResponse} fields, then its load,
 * capacity and pinned devices.
 *
 * @param status         {@code idle}, {@code busy} (FIFO jobs running) or {@code draining}
 * @param pinnedDevices  the lanes it owns, with the state of each kept session
 */
@JsonPropertyOrder({"name", "status", "pid", "hostname", "queues", "last_heartbeat", "birth_at",
        "successful_job_count", "failed_job_count", "capacity", "load", "sessions", "fifo_running",
        "fifo_concurrency", "pinned_devices"})
public record Worker(
        String name,
        String status,
        long pid,
        String hostname,
        List<String> queues,
        @JsonProperty("last_heartbeat") @Job.Timestamp Instant lastHeartbeat,
        @JsonProperty("birth_at") @Job.Timestamp Instant birthAt,
        @JsonProperty("successful_job_count") long successfulJobCount,
        @JsonProperty("failed_job_count") long failedJobCount,
        int capacity,
        int load,
        int sessions,
        @JsonProperty("fifo_running") int fifoRunning,
        @JsonProperty("fifo_concurrency") int fifoConcurrency,
        @JsonProperty("pinned_devices") List<PinnedDevice> pinnedDevices) {

    /**
     * One pinned device of a node.
     *
     * @param lane    {@code username@host:port}
     * @param session {@code open} while a kept session serves it, {@code closed} otherwise
     */
    public record PinnedDevice(String lane, String queue, String session) {
    }
}
