package dev.netpilot.api.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * {@code GET /system/stats}: NetPulse's {@code SystemStatsResponse} fields, each with a few of ours added.
 *
 * @param queues        jobs in each queue not yet ended (waiting or running): {@code FifoQ} always, device lanes
 *                      ({@code HostQ_<user>@<host>:<port>}) when not empty
 * @param uptimeSeconds how long this API process has been up
 */
@JsonPropertyOrder({"status", "workers", "jobs", "nodes", "queues", "self_healing", "uptime_seconds"})
public record SystemStats(String status, Workers workers, Jobs jobs, Nodes nodes, Map<String, Long> queues,
                          @JsonProperty("self_healing") SelfHealing selfHealing,
                          @JsonProperty("uptime_seconds") long uptimeSeconds) {

    /**
     * The live executors. Every executor is a node that runs FIFO jobs and owns pinned devices, so {@code total}
     * and {@code node} count executors, {@code fifo} those taking FIFO jobs (not draining), and {@code pinned} the
     * pinned devices (NetPulse runs one pinned worker per device).
     *
     * @param busy executors running FIFO jobs now; {@code idle} the others that are not draining
     */
    @JsonPropertyOrder({"total", "pinned", "fifo", "node", "idle", "busy", "draining"})
    public record Workers(int total, int pinned, int fifo, int node, int idle, int busy, int draining) {
    }

    /**
     * Job counts. {@code queued} and {@code in_progress} are the jobs in those states now; the others are totals
     * since the counters began (they are kept in Redis, not bounded by result TTLs).
     *
     * @param succeeded jobs that ended {@code finished}
     * @param expired   jobs that waited in the queue past their {@code ttl} and were never run
     * @param total     every job accepted
     */
    @JsonPropertyOrder({"succeeded", "failed", "in_progress", "queued", "total", "cancelled", "expired"})
    public record Jobs(long succeeded, long failed, @JsonProperty("in_progress") long inProgress, long queued,
                       long total, long cancelled, long expired) {
    }

    /**
     * @param active         live executor nodes
     * @param totalCapacity  pinned devices they may own together
     * @param pinnedDevices  pinned devices they own now
     * @param sessions       of those, with a live kept session
     */
    @JsonPropertyOrder({"active", "total_capacity", "pinned_devices", "sessions"})
    public record Nodes(int active, @JsonProperty("total_capacity") long totalCapacity,
                        @JsonProperty("pinned_devices") int pinnedDevices, int sessions) {
    }

    /**
     * Times the cluster repaired itself, since the counters began: {@code probe_failures} (a kept session failed
     * its deep probe and was dropped; the next job logs in again) plus {@code node_failovers} (a dead executor's
     * devices moved to live ones).
     */
    @JsonPropertyOrder({"total_triggers", "probe_failures", "node_failovers"})
    public record SelfHealing(@JsonProperty("total_triggers") long totalTriggers,
                              @JsonProperty("probe_failures") long probeFailures,
                              @JsonProperty("node_failovers") long nodeFailovers) {
    }
}
