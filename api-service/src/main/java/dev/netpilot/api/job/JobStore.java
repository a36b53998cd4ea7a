package dev.netpilot.api.job;

import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Job records in Redis, as the API sees them. */
@ApplicationScoped
public class JobStore {

    private final Redis redis;

    public JobStore(Redis redis) {
        this.redis = redis;
    }

    /**
     * Writes the job record, the request the executor needs (credentials included, never returned by the API)
     * and the stream entry in one round trip and one transaction: either the job is queued completely or not at
     * all. Both keys expire after the queue {@code ttl} unless an executor starts the job first.
     */
    public Uni<Void> enqueue(Job job, ExecutionRequest request, String stream) {
        String ttl = String.valueOf(request.ttl());
        return redis.batch(List.of(
                Request.cmd(Command.MULTI),
                Request.cmd(Command.SET).arg(RedisKeys.job(job.id())).arg(JobJson.write(job)).arg("EX").arg(ttl),
                Request.cmd(Command.SET).arg(RedisKeys.jobRequest(job.id())).arg(JobJson.write(request))
                        .arg("EX").arg(ttl),
                Request.cmd(Command.XADD).arg(stream).arg("*").arg(RedisKeys.STREAM_JOB_FIELD).arg(job.id()),
                Request.cmd(Command.EXEC))).replaceWithVoid();
    }

    /** The job, or null when it expired or never existed. */
    public Uni<Job> find(String jobId) {
        return redis.send(Request.cmd(Command.GET).arg(RedisKeys.job(jobId)))
                .map(response -> response == null ? null : JobJson.read(response.toString(), Job.class));
    }

    public Uni<Void> ping() {
        return redis.send(Request.cmd(Command.PING)).replaceWithVoid();
    }
}
