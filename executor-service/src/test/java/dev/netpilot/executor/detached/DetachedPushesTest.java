package dev.netpilot.executor.detached;

import dev.netpilot.executor.TestRedis;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobResult;
import dev.netpilot.job.JobStatus;
import dev.netpilot.job.RedisKeys;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule of detached-task log pushes in a real Redis: started with the launch's end, claimed by one executor. */
class DetachedPushesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestRedis testRedis;
    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void start() throws Exception {
        testRedis = TestRedis.start();
        vertx = testRedis.vertx();
        redis = testRedis.redis();
    }

    @AfterAll
    static void stop() throws Exception {
        if (testRedis != null) {
            testRedis.close();
        }
    }

    @BeforeEach
    void empty() {
        redis.send(Request.cmd(Command.FLUSHALL)).await().atMost(WAIT);
    }

    private static ExecutionRequest launch(Integer pushInterval, boolean webhook) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("driver", "paramiko");
        body.put("connection_args", Map.of("host", "10.0.0.5", "username", "ops", "password", "pw"));
        body.put("command", "vmstat 1 60");
        body.put("detach", true);
        body.put("push_interval", pushInterval);
        if (webhook) {
            body.put("webhook", Map.of("url", "http://127.0.0.1:1/hook"));
        }
        return JobJson.mapper().convertValue(body, ExecutionRequest.class);
    }

    private static Job launched(String taskId, boolean running) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("task_id", taskId);
        metadata.put("is_running", running);
        CommandResult entry = CommandResult.ok("launch", "Task " + taskId + " launched.", metadata);
        Instant now = Instant.now();
        return new Job(taskId + "-job", JobStatus.FINISHED, now, now, now, now, "HostQ_x", "w1",
                JobResult.successful(List.of(entry)), taskId, "10.0.0.5", List.of("vmstat 1 60"), null);
    }

    private static void write(List<Request> writes) {
        List<Request> all = new ArrayList<>();
        all.add(Request.cmd(Command.MULTI));
        all.addAll(writes);
        all.add(Request.cmd(Command.EXEC));
        redis.batch(all).await().atMost(WAIT);
    }

    private static void login(String taskId) {
        redis.send(Request.cmd(Command.SET).arg(RedisKeys.detachedTaskLogin(taskId)).arg("""
                {"connection_args":{"host":"10.0.0.5","username":"ops","password":"pw"},"driver_args":{},
                 "queue_strategy":"pinned","webhook":{"url":"http://127.0.0.1:1/hook"}}""")).await().atMost(WAIT);
    }

    private static List<DetachedPushes.Claimed> claim(long now) {
        return DetachedPushes.claim(redis, now, 60_000, 10).await().atMost(WAIT);
    }

    private static Response score(String taskId) {
        return redis.send(Request.cmd(Command.ZSCORE).arg(RedisKeys.DETACHED_PUSHES_DUE).arg(taskId))
                .await().atMost(WAIT);
    }

    @Test
    void onlyLaunchesWithWebhookAndIntervalArePushed() {
        assertTrue(DetachedPushes.scheduleFor(launched("t1", true), launch(null, true)).isEmpty());
        assertTrue(DetachedPushes.scheduleFor(launched("t1", true), launch(5, false)).isEmpty());
        Job failed = launched("t1", true).ended(JobStatus.FAILED, JobResult.failed("X", "boom"), Instant.now());
        assertTrue(DetachedPushes.scheduleFor(failed, launch(5, true)).isEmpty());
        assertEquals(2, DetachedPushes.scheduleFor(launched("t1", true), launch(5, true)).size());
    }

    @Test
    void aPushIsDueAfterItsIntervalAndClaimedByOneExecutorAtATime() {
        long before = Instant.now().toEpochMilli();
        write(DetachedPushes.scheduleFor(launched("t1", true), launch(2, true)));
        login("t1");

        assertTrue(claim(before).isEmpty(), "not due before its interval");
        List<DetachedPushes.Claimed> claimed = claim(before + 2_000 + 5_000);
        assertEquals(1, claimed.size());
        assertEquals("t1", claimed.get(0).taskId());
        assertEquals(new PushCursor(2, 0, 0), claimed.get(0).cursor());
        assertEquals("pw", claimed.get(0).login().connectionArgs().get("password"));
        assertEquals("http://127.0.0.1:1/hook", claimed.get(0).login().webhook().url());

        assertTrue(claim(before + 2_000 + 5_000).isEmpty(), "a claimed push is not claimed again");
        assertEquals(before + 2_000 + 5_000 + 60_000, score("t1").toLong());
        assertEquals(1, claim(before + 2_000 + 5_000 + 60_000).size(), "a claim that ran out is taken again");
    }

    @Test
    void aTaskThatEndedDuringItsLaunchIsPushedAtOnce() {
        long after = Instant.now().toEpochMilli() + 1_000;
        write(DetachedPushes.scheduleFor(launched("t2", false), launch(3600, true)));
        login("t2");
        assertEquals(1, claim(after).size());
    }

    @Test
    void aTaskNoLongerTrackedIsDropped() {
        write(DetachedPushes.scheduleFor(launched("t3", false), launch(1, true)));
        // no login: the task was killed or cleared
        assertTrue(claim(Instant.now().toEpochMilli() + 1_000).isEmpty());
        assertNull(score("t3"));
        assertFalse(redis.send(Request.cmd(Command.EXISTS).arg(RedisKeys.detachedTaskPush("t3"))).await().atMost(WAIT)
                .toBoolean());
    }
}
