package dev.netpilot.api.job;

import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which API key (by name) submitted each job, so that only that key, or one with the {@code admin} scope, may
 * cancel it. Kept in {@code np:job:<id>:owner}, written with the job by the dispatcher and expiring with the job's
 * longest life. A job whose owner is unknown can be cancelled by admin keys only.
 */
@ApplicationScoped
public class JobOwners {

    private final Redis redis;

    public JobOwners(Redis redis) {
        this.redis = redis;
    }

    /** The name of the key that submitted the job, or null when unknown. */
    public Uni<String> ownerOf(String jobId) {
        return redis.send(Request.cmd(Command.GET).arg(RedisKeys.jobOwner(jobId)))
                .map(response -> response == null ? null : response.toString());
    }
}
