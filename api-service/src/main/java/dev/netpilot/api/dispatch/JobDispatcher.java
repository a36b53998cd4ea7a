package dev.netpilot.api.dispatch;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.detached.DetachedTaskStore;
import dev.netpilot.api.job.JobLifetime;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.QueueStrategy;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Puts accepted jobs on the stream that will run them; the only place that decides where a job goes.
 * <ul>
 *   <li>{@code fifo}: the shared FIFO stream, which every executor reads;</li>
 *   <li>{@code pinned}: the lane of the device ({@code username@host:port}), which only its owner reads, in order,
 *       on a kept session. The owner is woken at once; a lane without a live owner goes to the assign stream,
 *       where executors pick its owner with the configured scheduler.</li>
 * </ul>
 * A {@code detach} launch also starts the tracking of its task ({@link DetachedTaskStore#track}).
 * Either way the job record, the credentials, the index entry, the submitting key's name, the stream entry and the
 * job counters ({@code GET /system/stats}) are written in one round trip, atomically: a job is queued completely or
 * not at all. Both keys expire after the queue {@code ttl} unless an
 * executor starts the job first.
 */
@ApplicationScoped
public class JobDispatcher {

    // The stream entry is written first: Redis does not roll a script back, so the one write that can fail on a
    // foreign key of the wrong type comes before the others and a failure leaves nothing half-queued.
    private static final String ENQUEUE = """
            local ttl = ARGV[3]
            redis.call('XADD', KEYS[4], '*', 'job', ARGV[5])
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ttl)
            redis.call('SET', KEYS[2], ARGV[2], 'EX', ttl)
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
            redis.call('SET', KEYS[5], ARGV[6], 'EX', ARGV[7])
            local expired = redis.call('ZREMRANGEBYSCORE', '$QUEUED', '-inf', '(' .. ARGV[4])
            if expired > 0 then redis.call('HINCRBY', '$JOBS', 'expired', expired) end
            redis.call('ZADD', '$QUEUED', ARGV[4] + ttl * 1000, ARGV[5])
            redis.call('HINCRBY', '$JOBS', 'total', 1)
            if #KEYS < 6 then return false end
            local lane, nodePrefix, assign = ARGV[8], ARGV[9], ARGV[10]
            local owner = redis.call('GET', KEYS[6])
            if owner and redis.call('EXISTS', nodePrefix .. owner) == 1 then
              redis.call('XADD', nodePrefix .. owner .. ':wake', 'MAXLEN', '~', 10000, '*', 'lane', lane)
              return owner
            end
            redis.call('XADD', assign, '*', 'lane', lane)
            return false
            """.replace("$QUEUED", RedisKeys.STATS_QUEUED).replace("$JOBS", RedisKeys.STATS_JOBS);

    private final Redis redis;
    private final ApiConfig config;
    private final DetachedTaskStore detachedTasks;

    public JobDispatcher(Redis redis, ApiConfig config, DetachedTaskStore detachedTasks) {
        this.redis = redis;
        this.config = config;
        this.detachedTasks = detachedTasks;
    }

    /**
     * Queues a request (defaults already applied). {@code batchId} (or null) groups the jobs of a bulk request;
     * {@code owner} is the name of the API key that submits it, kept as long as the job can be looked at.
     */
    public Uni<Job> dispatch(ExecutionRequest request, String batchId, String owner) {
        return dispatch(request, batchId, owner, UUID.randomUUID().toString(), null);
    }

    /**
     * Queues a request under a job id chosen by the caller (a fresh UUID), with the file uploaded for it (or null).
     * The file is stored first, under the job's id, for the queue {@code ttl}: the job never reaches an executor
     * without it, and no client can name another file.
     */
    public Uni<Job> dispatch(ExecutionRequest request, String batchId, String owner, String jobId, Upload upload) {
        String laneId = request.queueStrategy() == QueueStrategy.PINNED ? laneId(request) : null;
        String queue = laneId == null ? RedisKeys.FIFO_QUEUE : RedisKeys.laneQueue(laneId);
        Job queued = Job.queued(jobId, Instant.now(), queue, request.host(),
                request.payload() == null ? null : request.payload().lines(), batchId);
        // a detach launch (not a config push, which ignores detach as in NetPulse) names its task from its job id
        Job job = Boolean.TRUE.equals(request.detach()) && !request.pushesConfig()
                ? queued.withTaskId(Job.detachedTaskId(queued.id())) : queued;
        Request eval = Request.cmd(Command.EVAL).arg(ENQUEUE).arg(laneId == null ? 5 : 6)
                .arg(RedisKeys.job(job.id())).arg(RedisKeys.jobRequest(job.id())).arg(RedisKeys.JOB_INDEX)
                .arg(laneId == null ? RedisKeys.FIFO_STREAM : RedisKeys.lane(laneId)).arg(RedisKeys.jobOwner(job.id()));
        if (laneId != null) {
            eval.arg(RedisKeys.laneOwner(laneId));
        }
        eval.arg(JobJson.write(job)).arg(JobJson.write(request)).arg(String.valueOf(request.ttl()))
                .arg(String.valueOf(job.createdAt().toEpochMilli())).arg(job.id())
                .arg(owner).arg(String.valueOf(JobLifetime.seconds(request, config.defaultResultTtl())));
        if (laneId != null) {
            eval.arg(laneId).arg(RedisKeys.NODE_PREFIX).arg(RedisKeys.ASSIGN_STREAM);
        }
        Uni<Job> queuedJob = upload == null ? redis.send(eval).replaceWith(job) : redis.batch(List.of(
                        Request.cmd(Command.MULTI),
                        Request.cmd(Command.HSET).arg(RedisKeys.jobUpload(job.id())).arg(RedisKeys.UPLOAD_NAME)
                                .arg(upload.name()).arg(RedisKeys.UPLOAD_DATA).arg(upload.data()),
                        Request.cmd(Command.EXPIRE).arg(RedisKeys.jobUpload(job.id())).arg(String.valueOf(request.ttl())),
                        Request.cmd(Command.EXEC)))
                .chain(() -> redis.send(eval)).replaceWith(job);
        return job.taskId() == null ? queuedJob : queuedJob.call(() -> detachedTasks.track(job, request));
    }

    /** A file sent with a request (multipart {@code file}): its safe name and its bytes. */
    public record Upload(String name, Buffer data) {
    }

    private static String laneId(ExecutionRequest request) {
        Object port = request.connectionArgs().get("port");
        Object username = request.connectionArgs().get("username");
        int portNumber;
        try {
            portNumber = port == null ? 22 : port instanceof Number n ? n.intValue() : Integer.parseInt(port.toString());
        } catch (NumberFormatException e) {
            portNumber = 22; // the executor reports the invalid port on the job
        }
        if (username == null && request.credential() != null && request.credential().get("ref") != null) {
            // the login comes from the credential: one lane per secret, never the secret itself
            username = "credential:" + request.credential().get("ref");
        }
        return RedisKeys.laneId(username == null ? null : username.toString(), request.host(), portNumber);
    }
}
