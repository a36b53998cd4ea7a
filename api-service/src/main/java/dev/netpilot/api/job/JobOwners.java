package dev.netpilot.api.job;

import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Which API key (by name) submitted each job, so that only that key, or one with the {@code admin} scope, may
 * cancel it. Kept in {@code np:job:<id>:owner}, written right after the job is queued and expiring with the job's
 * longest life. A job whose owner is unknown can be cancelled by admin keys only.
 */
@ApplicationScoped
public class JobOwners {

    private final Redis redis;

    public JobOwners(Redis redis) {
        this.redis = redis;
    }

    /** Records {@code owner} for every job; a failure is logged (the jobs are queued already) and not raised. */
    public Uni<Void> record(String owner, List<Owned> jobs) {
        if (jobs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> writes = new ArrayList<>(jobs.size());
        for (Owned job : jobs) {
            writes.add(Request.cmd(Command.SET).arg(RedisKeys.jobOwner(job.jobId())).arg(owner)
                    .arg("EX").arg(String.valueOf(job.lifetimeSeconds())));
        }
        return redis.batch(writes).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf("Could not record the owner of %d queued job(s): %s; only admin keys can cancel them",
                    jobs.size(), failure.getMessage());
            return null;
        });
    }

    /** The name of the key that submitted the job, or null when unknown. */
    public Uni<String> ownerOf(String jobId) {
        return redis.send(Request.cmd(Command.GET).arg(RedisKeys.jobOwner(jobId)))
                .map(response -> response == null ? null : response.toString());
    }

    /** A queued job and how long its owner record must live. */
    public record Owned(String jobId, long lifetimeSeconds) {
    }
}
