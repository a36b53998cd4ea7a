package dev.netpilot.api.devicetest;

import dev.netpilot.api.error.ServiceUnavailableException;
import dev.netpilot.api.job.JobEndedEvents;
import dev.netpilot.job.DeviceTest;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a connection test where the devices are reachable: hands it to any executor through the test stream and
 * waits (without blocking a thread) for the answer, at most the test's timeout and a moment for the answer to
 * travel. The request, with its credentials, lives in Redis only until an executor takes it or the timeout passes.
 */
@ApplicationScoped
public class DeviceTestService {

    /** The answer of a test whose executor gave up at the timeout still has this long to arrive. */
    static final Duration ANSWER_GRACE = Duration.ofMillis(1500);

    /**
     * Queues the test only when a live executor that takes work exists (0 otherwise), so that a cluster without
     * executors answers at once rather than at the timeout.
     */
    private static final String ENQUEUE = """
            local live = false
            for _, node in ipairs(redis.call('SMEMBERS', ARGV[3])) do
              local record = redis.call('GET', ARGV[4] .. node)
              if record then
                local ok, info = pcall(cjson.decode, record)
                if ok and type(info) == 'table' and info['draining'] ~= true then
                  live = true
                  break
                end
              end
            end
            if not live then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', 10000, '*', ARGV[5], ARGV[6])
            return 1
            """;

    /** What a test answered, and whether it was answered at all (false: nobody answered in time). */
    public record Answer(DeviceTest.Outcome outcome, boolean answered) {
    }

    private final Redis redis;
    private final JobEndedEvents events;

    public DeviceTestService(Redis redis, JobEndedEvents events) {
        this.redis = redis;
        this.events = events;
    }

    public Uni<Answer> test(DeviceTest.Request request) {
        String id = UUID.randomUUID().toString();
        long timeoutMs = Math.max(1, Math.round(request.timeoutSeconds() * 1000));
        CompletableFuture<String> answered = events.register(id);
        return redis.send(Request.cmd(Command.EVAL).arg(ENQUEUE).arg(2)
                        .arg(RedisKeys.deviceTestRequest(id)).arg(RedisKeys.DEVICE_TEST_STREAM)
                        .arg(JobJson.write(request)).arg(timeoutMs).arg(RedisKeys.NODES).arg(RedisKeys.NODE_PREFIX)
                        .arg(RedisKeys.STREAM_TEST_FIELD).arg(id))
                .chain(queued -> {
                    if (queued.toInteger() == 0) {
                        return Uni.createFrom().failure(new ServiceUnavailableException("No executor is running, so "
                                + "nothing can reach the device: start an executor-service (GET /workers lists the "
                                + "live ones)"));
                    }
                    return Uni.createFrom().completionStage(answered)
                            .ifNoItem().after(Duration.ofMillis(timeoutMs).plus(ANSWER_GRACE)).recoverWithItem((String) null)
                            .chain(() -> redis.send(Request.cmd(Command.GETDEL).arg(RedisKeys.deviceTestResult(id))))
                            .map(result -> result == null
                                    ? new Answer(DeviceTest.Outcome.failed("No executor answered within "
                                    + request.timeoutSeconds() + " s: the executors are busy or one stopped during "
                                    + "the test; try again (GET /workers lists the live ones)", null), false)
                                    : new Answer(JobJson.read(result.toString(), DeviceTest.Outcome.class), true));
                })
                .eventually(() -> events.forget(id, answered));
    }
}
