package dev.netpilot.api.dispatch;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.job.JobLifetime;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.QueueStrategy;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Puts accepted jobs on the stream that will run them; the only place that decides where a job goes.
 * <ul>
 *   <li>{@code fifo}: the shared FIFO stream, which every executor reads;</li>
 *   <li>{@code pinned}: the lane of the device ({@code username@host:port}), which only its owner reads, in order,
 *       on a kept session. The owner is woken at once; a lane without a live owner goes to the assign stream,
 *       where executors pick its owner with the configured scheduler.</li>
 * </ul>
 * Either way the job record, the credentials, the index entry, the submitting key's name and the stream entry are
 * written in one round trip, atomically: a job is queued completely or not at all. Both keys expire after the queue {@code ttl} unless an
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
            if #KEYS < 6 then return false end
            local lane, nodePrefix, assign = ARGV[8], ARGV[9], ARGV[10]
            local owner = redis.call('GET', KEYS[6])
            if owner and redis.call('EXISTS', nodePrefix .. owner) == 1 then
              redis.call('XADD', nodePrefix .. owner .. ':wake', 'MAXLEN', '~', 10000, '*', 'lane', lane)
              return owner
            end
            redis.call('XADD', assign, '*', 'lane', lane)
            return false
            """;

    private final Redis redis;
    private final ApiConfig config;

    public JobDispatcher(Redis redis, ApiConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /**
     * Queues a request (defaults already applied). {@code batchId} (or null) groups the jobs of a bulk request;
     * {@code owner} is the name of the API key that submits it, kept as long as the job can be looked at.
     */
    public Uni<Job> dispatch(ExecutionRequest request, String batchId, String owner) {
        String laneId = request.queueStrategy() == QueueStrategy.PINNED ? laneId(request) : null;
        String queue = laneId == null ? RedisKeys.FIFO_QUEUE : RedisKeys.laneQueue(laneId);
        Job job = Job.queued(UUID.randomUUID().toString(), Instant.now(), queue, request.host(),
                request.payload() == null ? null : request.payload().lines(), batchId);
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
        return redis.send(eval).replaceWith(job);
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
