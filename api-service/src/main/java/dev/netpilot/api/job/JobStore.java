package dev.netpilot.api.job;

import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

/** Job records in Redis, as the API sees them. */
@ApplicationScoped
public class JobStore {

    private final Redis redis;

    public JobStore(Redis redis) {
        this.redis = redis;
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
