package dev.netpilot.executor.job;

import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** The executor's side of the job records: load, mark started, write the end and acknowledge, each in one round trip. */
@ApplicationScoped
public class JobRecords {

    /**
     * A job with the stored request (as JSON) that carries its credentials, the current owner of its lane
     * (null for FIFO jobs) and the name of the API key that submitted it (null when unknown).
     */
    public record Loaded(Job job, String requestJson, String laneOwner, String submittedBy) {
    }

    private final Redis redis;

    public JobRecords(Redis redis) {
        this.redis = redis;
    }

    /**
     * The job, its request and, for a lane job, the lane's owner, in one round trip; null when the job or its
     * request expired (the job outlived its queue ttl).
     */
    public Uni<Loaded> load(String jobId, String laneId) {
        Request mget = Request.cmd(Command.MGET).arg(RedisKeys.job(jobId)).arg(RedisKeys.jobRequest(jobId))
                .arg(RedisKeys.jobOwner(jobId));
        if (laneId != null) {
            mget.arg(RedisKeys.laneOwner(laneId));
        }
        return redis.send(mget).map(values -> loaded(values.get(0), values.get(1), values.get(2),
                laneId == null ? null : values.get(3)));
    }

    /**
     * A loaded job from the stored job record, request, submitting key's name and lane owner (each may be null);
     * null when the record or the request is gone.
     */
    public static Loaded loaded(Response job, Response request, Response submittedBy, Response laneOwner) {
        if (job == null || request == null) {
            return null;
        }
        return new Loaded(JobJson.read(job.toString(), Job.class), request.toString(),
                laneOwner == null ? null : laneOwner.toString(), submittedBy == null ? null : submittedBy.toString());
    }

    /** The job alone, or null when it expired. */
    public Uni<Job> job(String jobId) {
        return redis.send(Request.cmd(Command.GET).arg(RedisKeys.job(jobId)))
                .map(value -> value == null ? null : JobJson.read(value.toString(), Job.class));
    }

    /**
     * Records the start; the job, its request and its uploaded file (if any) now live until the job can no longer
     * be running, plus its result time. The job moves from the queued to the running counter set (a re-run after a
     * failover just renews its place there).
     */
    public Uni<Void> started(Job job, int executionTimeout, int resultTtl) {
        String keep = String.valueOf(executionTimeout + resultTtl);
        long now = System.currentTimeMillis();
        return redis.batch(List.of(
                Request.cmd(Command.MULTI),
                Request.cmd(Command.SET).arg(RedisKeys.job(job.id())).arg(JobJson.write(job)).arg("EX").arg(keep),
                Request.cmd(Command.EXPIRE).arg(RedisKeys.jobRequest(job.id())).arg(keep),
                Request.cmd(Command.EXPIRE).arg(RedisKeys.jobUpload(job.id())).arg(keep),
                Request.cmd(Command.ZREM).arg(RedisKeys.STATS_QUEUED).arg(job.id()),
                Request.cmd(Command.ZREMRANGEBYSCORE).arg(RedisKeys.STATS_RUNNING).arg("-inf").arg("(" + now),
                Request.cmd(Command.ZADD).arg(RedisKeys.STATS_RUNNING).arg(now + executionTimeout * 1000L).arg(job.id()),
                Request.cmd(Command.EXEC))).replaceWithVoid();
    }

    /**
     * Writes the ended job for {@code resultTtl}, forgets the credentials and the uploaded file, counts the end,
     * acknowledges and deletes the stream entry and wakes the waiters, atomically, with the {@code extra} writes
     * that go with the end (audit, webhook).
     */
    public Uni<Void> ended(Job job, int resultTtl, String stream, String entryId, List<Request> extra) {
        String record = JobJson.write(job);
        List<Request> writes = new ArrayList<>(extra.size() + 8);
        writes.add(Request.cmd(Command.MULTI));
        writes.addAll(extra);
        writes.addAll(List.of(
                Request.cmd(Command.SET).arg(RedisKeys.job(job.id())).arg(record)
                        .arg("EX").arg(String.valueOf(resultTtl)),
                Request.cmd(Command.DEL).arg(RedisKeys.jobRequest(job.id())).arg(RedisKeys.jobUpload(job.id())),
                Request.cmd(Command.ZREM).arg(RedisKeys.STATS_QUEUED).arg(job.id()),
                Request.cmd(Command.ZREM).arg(RedisKeys.STATS_RUNNING).arg(job.id()),
                Request.cmd(Command.HINCRBY).arg(RedisKeys.STATS_JOBS).arg(job.status().wire()).arg(1),
                Request.cmd(Command.XACK).arg(stream).arg(RedisKeys.EXECUTOR_GROUP).arg(entryId),
                Request.cmd(Command.XDEL).arg(stream).arg(entryId),
                Request.cmd(Command.PUBLISH).arg(RedisKeys.JOB_ENDED_CHANNEL)
                        .arg(JobJson.endedEvent(job.id(), record)),
                Request.cmd(Command.EXEC)));
        return redis.batch(writes).replaceWithVoid();
    }

    /** Drops a stream entry whose job is gone (expired in the queue) or already ended. */
    public Uni<Void> discard(String stream, String entryId) {
        return redis.batch(List.of(
                Request.cmd(Command.MULTI),
                Request.cmd(Command.XACK).arg(stream).arg(RedisKeys.EXECUTOR_GROUP).arg(entryId),
                Request.cmd(Command.XDEL).arg(stream).arg(entryId),
                Request.cmd(Command.EXEC))).replaceWithVoid();
    }
}
