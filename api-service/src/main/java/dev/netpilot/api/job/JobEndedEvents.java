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
 * instance to the channels on which every ended job is announced with its record (no second read of it) and every
 * answered test by its id; no polling. The record is handed on as stored, the JSON the API answers with, and never
 * parsed here.
 */
@Startup
@ApplicationScoped
public class JobEndedEvents {

    private final Map<String, Set<CompletableFuture<String>>> waiters = new ConcurrentHashMap<>();

    public JobEndedEvents(ReactiveRedisDataSource redis) {
        redis.pubsub(String.class).subscribe(RedisKeys.JOB_ENDED_CHANNEL, RedisKeys.DEVICE_TEST_DONE_CHANNEL)
                .subscribe().with(this::ended, failure -> Log.errorf(failure,
                        "Lost the subscription to %s; waits now end at their timeout", RedisKeys.JOB_ENDED_CHANNEL));
    }

    /**
     * A future completed with the ended job's record, JSON as stored (or with null when the announcement carried no
     * record, and for a connection test); call {@link #forget} when done waiting.
     */
    public CompletableFuture<String> register(String jobId) {
        CompletableFuture<String> ended = new CompletableFuture<>();
        waiters.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(ended);
        return ended;
    }

    public void forget(String jobId, CompletableFuture<String> ended) {
        waiters.computeIfPresent(jobId, (id, set) -> {
            set.remove(ended);
            return set.isEmpty() ? null : set;
        });
    }

    private void ended(String message) {
        int newline = message.indexOf('\n');
        String jobId = newline < 0 ? message : message.substring(0, newline);
        Set<CompletableFuture<String>> waiting = waiters.remove(jobId);
        if (waiting == null) {
            return; // nobody waits here
        }
        String record = newline < 0 ? null : message.substring(newline + 1);
        waiting.forEach(future -> future.complete(record));
    }
}
