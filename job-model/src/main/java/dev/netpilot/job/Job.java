package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A job as stored in Redis and returned by the API ({@code JobInResponse} on the wire). It never holds
 * secrets: what the executor needs to log in travels separately (see {@link RedisKeys#jobRequest}).
 */
@JsonPropertyOrder({"id", "status", "created_at", "enqueued_at", "started_at", "ended_at", "queue", "worker",
        "result", "task_id", "device_name", "command", "duration", "queue_time", "batch_id"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(value = {"duration", "queue_time"}, allowGetters = true)
public record Job(
        String id,
        JobStatus status,
        @JsonProperty("created_at") @Timestamp Instant createdAt,
        @JsonProperty("enqueued_at") @Timestamp Instant enqueuedAt,
        @JsonProperty("started_at") @Timestamp Instant startedAt,
        @JsonProperty("ended_at") @Timestamp Instant endedAt,
        String queue,
        String worker,
        JobResult result,
        @JsonProperty("task_id") String taskId,
        @JsonProperty("device_name") String deviceName,
        List<String> command,
        @JsonProperty("batch_id") String batchId) {

    /** ISO-8601 with microseconds and offset, as NetPulse writes its timestamps. */
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonSerialize(using = JobJson.InstantSerializer.class)
    @JsonDeserialize(using = JobJson.InstantDeserializer.class)
    public @interface Timestamp {
    }

    /** A new job, just accepted by the API; {@code batchId} groups the jobs of one bulk request (or null). */
    public static Job queued(String id, Instant now, String queue, String deviceName, List<String> command,
                             String batchId) {
        return new Job(id, JobStatus.QUEUED, now, now, null, null, queue, null, null, null, deviceName, command,
                batchId);
    }

    /** This job, launching the detached task {@code detachedTaskId}. */
    public Job withTaskId(String detachedTaskId) {
        return new Job(id, status, createdAt, enqueuedAt, startedAt, endedAt, queue, worker, result, detachedTaskId,
                deviceName, command, batchId);
    }

    /**
     * The id of the detached task that a {@code detach} job launches: the first 12 characters of the job id
     * (NetPulse's task id form, e.g. {@code 3f2a9c1e-7b4}), so that the API and the driver agree without a lookup.
     */
    public static String detachedTaskId(String jobId) {
        return jobId.substring(0, Math.min(12, jobId.length()));
    }

    public Job started(String workerName, Instant at) {
        return new Job(id, JobStatus.STARTED, createdAt, enqueuedAt, at, null, queue, workerName, null, taskId,
                deviceName, command, batchId);
    }

    public Job ended(JobStatus endStatus, JobResult jobResult, Instant at) {
        return new Job(id, endStatus, createdAt, enqueuedAt, startedAt, at, queue, worker, jobResult, taskId,
                deviceName, command, batchId);
    }

    /** Seconds between start and end, or null while the job has not ended. */
    @JsonProperty("duration")
    public Double duration() {
        return seconds(startedAt, endedAt);
    }

    /** Seconds the job waited in its queue, or null while it has not started. */
    @JsonProperty("queue_time")
    public Double queueTime() {
        return seconds(enqueuedAt, startedAt);
    }

    private static Double seconds(Instant from, Instant to) {
        if (from == null || to == null) {
            return null;
        }
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
