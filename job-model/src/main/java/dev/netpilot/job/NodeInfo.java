package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * What an executor node says about itself on each heartbeat ({@code np:node:<name>}).
 *
 * @param capacity    how many pinned devices it may own
 * @param lanes       how many pinned devices it owns now
 * @param sessions    how many of those have a live session
 * @param fifoRunning FIFO jobs running now
 * @param draining    it takes no new work and is about to stop
 */
public record NodeInfo(
        String name,
        String hostname,
        long pid,
        int capacity,
        int lanes,
        int sessions,
        @JsonProperty("fifo_running") int fifoRunning,
        @JsonProperty("fifo_concurrency") int fifoConcurrency,
        @JsonProperty("jobs_succeeded") long jobsSucceeded,
        @JsonProperty("jobs_failed") long jobsFailed,
        boolean draining,
        @JsonProperty("started_at") @Job.Timestamp Instant startedAt,
        @JsonProperty("heartbeat_at") @Job.Timestamp Instant heartbeatAt) {
}
