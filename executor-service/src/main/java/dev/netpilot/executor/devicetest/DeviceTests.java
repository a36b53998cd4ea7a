package dev.netpilot.executor.devicetest;

import dev.netpilot.credential.CredentialException;
import dev.netpilot.credential.Credentials;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.driver.DriverException;
import dev.netpilot.executor.ExecutorConfig;
import dev.netpilot.executor.StreamGroups;
import dev.netpilot.executor.WorkerName;
import dev.netpilot.executor.session.FreshSessions;
import dev.netpilot.executor.session.SessionSlots;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.job.DeviceTest;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Answers connection tests ({@code POST /device/test}): reads the test stream in the executors' consumer group (any
 * executor takes any test, at most once: entries are read without acknowledgement and deleted at once), logs in
 * with the requested driver within the device's session limit, gathers the session's
 * {@link dev.netpilot.driver.DeviceSession#facts() facts}, logs out, and writes the outcome for the API. The whole
 * test ends within the time the API still waits for it; a failure is an outcome with {@code success: false}.
 */
@ApplicationScoped
public class DeviceTests {

    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    /** The outcome is read by the API at once; it is kept a little for an API that reads late. */
    private static final int OUTCOME_TTL_SECONDS = 60;
    /** Left of the budget for the answer to reach the API. */
    private static final long ANSWER_MARGIN_MS = 100;

    /** Takes the request (with its credentials) out of Redis, with the milliseconds the API still waits for it. */
    private static final String TAKE = """
            local request = redis.call('GET', KEYS[1])
            if not request then return false end
            local remaining = redis.call('PTTL', KEYS[1])
            redis.call('DEL', KEYS[1])
            return {request, remaining}
            """;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final Redis redis;
    private final FreshSessions sessions;
    private final SessionSlots slots;
    private final ExecutorConfig config;
    private final Vertx vertx;
    private final String me;
    private final DeviceDrivers drivers;
    private final Credentials credentials;
    private int running;
    private boolean reading;
    private volatile boolean stopped;

    public DeviceTests(ReactiveRedisDataSource redisData, Redis redis, FreshSessions sessions, SessionSlots slots,
                       ExecutorConfig config, Vertx vertx, WorkerName worker, DeviceDrivers drivers,
                       Credentials credentials) {
        this.drivers = drivers;
        this.credentials = credentials;
        this.streams = redisData.stream(String.class);
        this.redis = redis;
        this.sessions = sessions;
        this.slots = slots;
        this.config = config;
        this.vertx = vertx;
        this.me = worker.value();
    }

    void start(@Observes StartupEvent event) {
        StreamGroups.ensure(streams, RedisKeys.DEVICE_TEST_STREAM).subscribe().with(ignored -> pump(), this::retryLater);
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        try { // entries are never pending (read without acknowledgement): the consumer can go at once
            streams.xgroupDelConsumer(RedisKeys.DEVICE_TEST_STREAM, RedisKeys.EXECUTOR_GROUP, me)
                    .await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            Log.debugf("Could not leave the device test group: %s", e.getMessage());
        }
    }

    private void pump() {
        int free;
        synchronized (this) {
            free = config.deviceTestConcurrency() - running;
            if (stopped || reading || free <= 0) {
                return;
            }
            reading = true;
        }
        streams.xreadgroup(RedisKeys.EXECUTOR_GROUP, me, RedisKeys.DEVICE_TEST_STREAM, ">",
                        new XReadGroupArgs().count(free).block(config.readBlock()).noack())
                .subscribe().with(this::received, this::retryLater);
    }

    private void received(List<StreamMessage<String, String, String>> entries) {
        synchronized (this) {
            reading = false;
            running += entries.size();
        }
        if (!entries.isEmpty()) {
            streams.xdel(RedisKeys.DEVICE_TEST_STREAM, entries.stream().map(StreamMessage::id).toArray(String[]::new))
                    .subscribe().with(ignored -> { }, failure -> Log.debugf("Could not delete test entries: %s",
                            failure.getMessage()));
        }
        for (StreamMessage<String, String, String> entry : entries) {
            String testId = entry.payload().get(RedisKeys.STREAM_TEST_FIELD);
            take(testId).chain(taken -> taken == null ? Uni.createFrom().voidItem()
                            : Uni.createFrom().completionStage(() -> test(taken.request(), taken.budgetMs()))
                                    .chain(outcome -> answer(testId, outcome)))
                    .subscribe().with(ignored -> finished(), failure -> {
                        Log.errorf(failure, "Could not answer connection test %s", testId);
                        finished();
                    });
        }
        pump();
    }

    private record Taken(DeviceTest.Request request, long budgetMs) {
    }

    /** The request, or null when the API stopped waiting for it (its key expired). */
    private Uni<Taken> take(String testId) {
        return redis.send(Request.cmd(Command.EVAL).arg(TAKE).arg(1).arg(RedisKeys.deviceTestRequest(testId)))
                .map(answer -> answer == null || answer.size() < 2 ? null
                        : new Taken(JobJson.read(answer.get(0).toString(), DeviceTest.Request.class),
                                answer.get(1).toLong()));
    }

    /**
     * Resolves the request's credential (if any) into its login, then tests; never fails: a failure (an unknown
     * secret, a refused login) is an outcome.
     */
    private CompletableFuture<DeviceTest.Outcome> test(DeviceTest.Request request, long budgetMs) {
        if (request.credential() == null) {
            return test(request, request.connectionArgs(), budgetMs);
        }
        long started = System.nanoTime();
        try {
            return credentials.apply(CredentialRef.from(request.credential()), request.connectionArgs())
                    .toCompletableFuture()
                    .thenCompose(login -> test(request, login, budgetMs))
                    .exceptionally(failure -> DeviceTest.Outcome.failed(message(failure), seconds(started)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(DeviceTest.Outcome.failed(message(e), seconds(started)));
        }
    }

    /** Logs in, gathers the facts and logs out, within {@code budgetMs}; never fails: a failure is an outcome. */
    private CompletableFuture<DeviceTest.Outcome> test(DeviceTest.Request request, Map<String, Object> login,
                                                        long budgetMs) {
        long budget = Math.max(1, budgetMs - ANSWER_MARGIN_MS);
        long started = System.nanoTime();
        DeviceDriver driver;
        ConnectionSpec spec;
        int limit;
        try {
            driver = drivers.byName(request.driver().wire());
            spec = ConnectionSpec.from(login);
            limit = slots.limitFor(login);
        } catch (DriverException e) {
            return CompletableFuture.completedFuture(DeviceTest.Outcome.failed(e.getMessage(), null));
        }
        CompletableFuture<DeviceTest.Outcome> outcome = new CompletableFuture<>();
        long timer = vertx.setTimer(budget, id -> outcome.complete(DeviceTest.Outcome.failed("the test of "
                + spec.address() + " did not finish within " + budget / 1000.0 + " s (the request's timeout); "
                + "the device is slow or unreachable, or its session limit is reached", seconds(started))));
        // The slot wait ends before the test's timeout, so that a full device says so rather than just timing out.
        Duration slotWait = Duration.ofMillis(Math.max(1, budget * 9 / 10));
        sessions.acquire(driver, spec, limit, slotWait).whenComplete((leased, failure) -> {
            if (failure != null) {
                outcome.complete(DeviceTest.Outcome.failed(message(failure), seconds(started)));
                return;
            }
            try {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("driver", request.driver().wire());
                result.put("host", spec.host());
                result.put("port", spec.port());
                result.putAll(leased.session().facts());
                result.put("worker", me);
                outcome.complete(new DeviceTest.Outcome(true, seconds(started), null, result, Instant.now()));
            } catch (RuntimeException e) {
                outcome.complete(DeviceTest.Outcome.failed(message(e), seconds(started)));
            } finally {
                sessions.release(leased.session(), true);
            }
        });
        return outcome.whenComplete((ignored, failure) -> vertx.cancelTimer(timer));
    }

    private Uni<Void> answer(String testId, DeviceTest.Outcome outcome) {
        return redis.batch(List.of(
                Request.cmd(Command.SET).arg(RedisKeys.deviceTestResult(testId)).arg(JobJson.write(outcome))
                        .arg("EX").arg(OUTCOME_TTL_SECONDS),
                Request.cmd(Command.PUBLISH).arg(RedisKeys.DEVICE_TEST_DONE_CHANNEL).arg(testId))).replaceWithVoid();
    }

    private static String message(Throwable failure) {
        Throwable cause = DriverException.unwrap(failure);
        if (cause instanceof DriverException || cause instanceof CredentialException) {
            return cause.getMessage();
        }
        Log.errorf(cause, "A connection test failed unexpectedly");
        return "unexpected error " + cause.getClass().getSimpleName() + " (a bug; the executor log has the details)";
    }

    private static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000_000.0) / 1000.0;
    }

    private void finished() {
        synchronized (this) {
            running--;
        }
        pump();
    }

    private void retryLater(Throwable failure) {
        synchronized (this) {
            reading = false;
        }
        if (stopped) {
            return;
        }
        Log.warnf("Reading %s failed (%s); retrying in %s", RedisKeys.DEVICE_TEST_STREAM, failure.getMessage(),
                RETRY_AFTER_FAILURE);
        Uni.createFrom().voidItem().onItem().delayIt().by(RETRY_AFTER_FAILURE)
                .chain(() -> StreamGroups.ensure(streams, RedisKeys.DEVICE_TEST_STREAM))
                .subscribe().with(ignored -> pump(), this::retryLater);
    }
}
