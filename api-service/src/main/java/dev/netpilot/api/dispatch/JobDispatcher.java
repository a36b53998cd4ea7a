package dev.netpilot.api.dispatch;

import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Puts accepted jobs on the stream that will run them. The only place that decides where a job goes.
 */
@ApplicationScoped
public class JobDispatcher {

    private final Redis redis;

    public JobDispatcher(Redis redis) {
        this.redis = redis;
    }

    /**
     * Queues a request (defaults already applied). Every job goes to the shared FIFO stream for now; pinned lanes
     * (one owner and one kept session per device) will route {@code pinned} jobs to their device's stream.
     */
    public Uni<Job> dispatch(ExecutionRequest request) {
        return dispatch(request, null);
    }

    /** Queues one job of a bulk request; {@code batchId} is recorded in the job. */
    public Uni<Job> dispatch(ExecutionRequest request, String batchId) {
        Job job = Job.queued(UUID.randomUUID().toString(), Instant.now(), RedisKeys.FIFO_QUEUE, request.host(),
                request.payload() == null ? null : request.payload().lines(), batchId);
        return enqueue(job, request, RedisKeys.FIFO_STREAM).replaceWith(job);
    }

    /**
     * Writes the job record, the request the executor needs (credentials included, never returned by the API),
     * the job index entry and the stream entry in one round trip and one transaction: either the job is queued
     * completely or not at all. Both keys expire after the queue {@code ttl} unless an executor starts the job.
     */
    private Uni<Void> enqueue(Job job, ExecutionRequest request, String stream) {
        String ttl = String.valueOf(request.ttl());
        return redis.batch(List.of(
                Request.cmd(Command.MULTI),
                Request.cmd(Command.SET).arg(RedisKeys.job(job.id())).arg(JobJson.write(job)).arg("EX").arg(ttl),
                Request.cmd(Command.SET).arg(RedisKeys.jobRequest(job.id())).arg(JobJson.write(request))
                        .arg("EX").arg(ttl),
                Request.cmd(Command.ZADD).arg(RedisKeys.JOB_INDEX).arg(String.valueOf(job.createdAt().toEpochMilli()))
                        .arg(job.id()),
                Request.cmd(Command.XADD).arg(stream).arg("*").arg(RedisKeys.STREAM_JOB_FIELD).arg(job.id()),
                Request.cmd(Command.EXEC))).replaceWithVoid();
    }
}
