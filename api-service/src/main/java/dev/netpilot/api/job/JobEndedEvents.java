package dev.netpilot.api.job;

import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes the requests waiting for a job to end, or for a connection test to be answered. One subscription per API
 * instance to the channels on which executors publish the id of every ended job and answered test; no polling.
 */
@Startup
@ApplicationScoped
public class JobEndedEvents {

    private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

    public JobEndedEvents(ReactiveRedisDataSource redis) {
        redis.pubsub(String.class).subscribe(RedisKeys.JOB_ENDED_CHANNEL, RedisKeys.DEVICE_TEST_DONE_CHANNEL)
                .subscribe().with(this::ended, failure -> Log.errorf(failure,
                        "Lost the subscription to %s; waits now end at their timeout", RedisKeys.JOB_ENDED_CHANNEL));
    }

    /** A future completed when the job ends (or the test is answered); call {@link #forget} when done waiting. */
    public CompletableFuture<Void> register(String jobId) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        waiters.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(ended);
        return ended;
    }

    public void forget(String jobId, CompletableFuture<Void> ended) {
        waiters.computeIfPresent(jobId, (id, set) -> {
            set.remove(ended);
            return set.isEmpty() ? null : set;
        });
    }

    private void ended(String jobId) {
        Set<CompletableFuture<Void>> waiting = waiters.remove(jobId);
        if (waiting != null) {
            waiting.forEach(future -> future.complete(null));
        }
    }
}
