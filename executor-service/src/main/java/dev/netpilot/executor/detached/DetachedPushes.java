package dev.netpilot.executor.detached;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.executor.job.DeviceWork;
import dev.netpilot.executor.job.SessionSource;
import dev.netpilot.executor.session.FreshSessions;
import dev.netpilot.executor.webhook.Delivery;
import dev.netpilot.executor.webhook.WebhookDeliveries;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.DetachedLogin;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobStatus;
import dev.netpilot.job.RedisKeys;
import dev.netpilot.job.Secrets;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pushes the new output of running detached tasks to their launch's webhook every {@code push_interval} seconds,
 * then, once a task ended, its remaining output with {@code final: true}. When a launch job with a webhook and a
 * {@code push_interval} ends, its task's push cursor ({@link RedisKeys#detachedTaskPush}) and first due time
 * ({@link RedisKeys#DETACHED_PUSHES_DUE}) are written with the job's end. Every executor looks for due pushes and
 * claims them atomically (a claim moves the score past the push's {@link DetachedPushConfig#timeout()}), so each push
 * is made by one live executor, whichever, and pushes go on across executor restarts. A push reads the log from its
 * own cursor (never the {@code last_offset} of queries) on a fresh login within the device's session limit, and
 * sends it through {@link WebhookDeliveries} (signed, retried) in the same MULTI that advances the cursor. Pushes
 * stop when the task ended, was killed, or is no longer tracked.
 */
@ApplicationScoped
public class DetachedPushes {

    public static final String LOG_PUSH = "detached.log_push";
    public static final String COMPLETED = "detached.completed";

    /** How long a push cursor outlives its last push (the API forgets a task after as long). */
    static final Duration KEEP = Duration.ofDays(7);
    private static final long CLAIM_MARGIN_MS = 30_000;

    /**
     * Claims up to ARGV[3] pushes due at ARGV[1] (epoch ms): each is re-scored at ARGV[1] + ARGV[2] and returned as
     * id, login JSON, cursor JSON. A task without login or cursor (killed, cleared, expired) is dropped.
     */
    static final String CLAIM = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            local claimed = {}
            for _, id in ipairs(due) do
              local login = redis.call('GET', ARGV[4] .. id .. ARGV[5])
              local cursor = redis.call('GET', ARGV[4] .. id .. ARGV[6])
              if login and cursor then
                redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), id)
                claimed[#claimed + 1] = id
                claimed[#claimed + 1] = login
                claimed[#claimed + 1] = cursor
              else
                redis.call('ZREM', KEYS[1], id)
                redis.call('DEL', ARGV[4] .. id .. ARGV[6])
              end
            end
            return claimed
            """;

    /** A claimed push: the task, the login that launched it (with its webhook) and where its log push starts. */
    record Claimed(String taskId, DetachedLogin login, PushCursor cursor) {
    }

    private final Redis redis;
    private final Vertx vertx;
    private final DeviceWork work;
    private final WebhookDeliveries webhooks;
    private final DetachedPushConfig config;
    private final SessionSource sessions;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean stopped;
    private long pollTimer = -1;

    public DetachedPushes(Redis redis, Vertx vertx, DeviceWork work, FreshSessions fresh, WebhookDeliveries webhooks,
                          DetachedPushConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.work = work;
        this.webhooks = webhooks;
        this.config = config;
        Duration slotWait = config.timeout().dividedBy(2);
        this.sessions = new SessionSource() { // a fresh login that waits for a slot only part of the push's time
            @Override
            public CompletionStage<Leased> acquire(DeviceDriver driver, ConnectionSpec spec, int sessionLimit) {
                return fresh.acquire(driver, spec, sessionLimit, slotWait);
            }

            @Override
            public void release(DeviceSession session, boolean broken) {
                fresh.release(session, broken);
            }
        };
    }

    void start(@Observes StartupEvent event) {
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> pollDue());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(pollTimer);
    }

    /**
     * The writes that start the log pushes of the task a launch job started, for the job end's MULTI; none unless
     * the launch asked for pushes ({@code webhook} and {@code push_interval}) and started its task. The first push is
     * due one interval later, or at once when the task already ended during its launch.
     */
    public static List<Request> scheduleFor(Job ended, ExecutionRequest request) {
        if (request == null || !Boolean.TRUE.equals(request.detach()) || request.pushInterval() == null
                || request.webhook() == null || ended.status() != JobStatus.FINISHED || ended.result() == null
                || ended.result().retval() == null || ended.result().retval().isEmpty()) {
            return List.of();
        }
        CommandResult launch = ended.result().retval().get(0);
        if (!"launch".equals(launch.command()) || launch.metadata() == null
                || !(launch.metadata().get("task_id") instanceof String taskId)) {
            return List.of();
        }
        int interval = request.pushInterval();
        boolean running = Boolean.TRUE.equals(launch.metadata().get("is_running"));
        long due = Instant.now().toEpochMilli() + (running ? interval * 1000L : 0);
        return List.of(
                Request.cmd(Command.SET).arg(RedisKeys.detachedTaskPush(taskId))
                        .arg(JobJson.write(new PushCursor(interval, 0, 0))).arg("EX").arg(KEEP.toSeconds()),
                Request.cmd(Command.ZADD).arg(RedisKeys.DETACHED_PUSHES_DUE).arg(due).arg(taskId));
    }

    /** Claims the pushes due at {@code now} (epoch ms), keeping each from other executors for {@code holdMs}. */
    static Uni<List<Claimed>> claim(Redis redis, long now, long holdMs, int batch) {
        String prefix = RedisKeys.detachedTask("");
        return redis.send(Request.cmd(Command.EVAL).arg(CLAIM).arg(1).arg(RedisKeys.DETACHED_PUSHES_DUE)
                        .arg(now).arg(holdMs).arg(batch).arg(prefix)
                        .arg(RedisKeys.detachedTaskLogin("").substring(prefix.length()))
                        .arg(RedisKeys.detachedTaskPush("").substring(prefix.length())))
                .map(DetachedPushes::claimed);
    }

    private static List<Claimed> claimed(Response answer) {
        List<Claimed> claimed = new ArrayList<>();
        for (int i = 0; answer != null && i + 2 < answer.size(); i += 3) {
            String taskId = answer.get(i).toString();
            try {
                claimed.add(new Claimed(taskId, JobJson.read(answer.get(i + 1).toString(), DetachedLogin.class),
                        JobJson.read(answer.get(i + 2).toString(), PushCursor.class)));
            } catch (RuntimeException e) {
                Log.warnf("Skipped the log push of detached task %s: unreadable state (%s)", taskId,
                        e.getClass().getSimpleName());
            }
        }
        return claimed;
    }

    /** Claims the due pushes (one look at a time) and makes each. */
    void pollDue() {
        if (stopped || !polling.compareAndSet(false, true)) {
            return;
        }
        claim(redis, Instant.now().toEpochMilli(), config.timeout().toMillis() + CLAIM_MARGIN_MS, config.claimBatch())
                .eventually(() -> polling.set(false))
                .subscribe().with(claimed -> claimed.forEach(this::push),
                        failure -> Log.warnf("Could not look for due detached-task log pushes: %s",
                                failure.getMessage()));
    }

    /** Reads the task's log from the push cursor on its device and pushes what is new; never throws. */
    private void push(Claimed claimed) {
        CompletableFuture<String> abort = new CompletableFuture<>();
        long timer = vertx.setTimer(config.timeout().toMillis(), id -> abort.complete("timeout"));
        Uni.createFrom().completionStage(() -> work.run("push-" + claimed.taskId(), readRequest(claimed), sessions,
                        abort))
                .eventually(() -> vertx.cancelTimer(timer))
                .chain(results -> abort.isDone() ? later(claimed, "it took longer than "
                        + config.timeout().toSeconds() + " s") : pushed(claimed, results.get(0)))
                .onFailure().recoverWithUni(failure -> later(claimed, failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + Secrets.scrub(failure.getMessage(),
                        Secrets.valuesIn(claimed.login().connectionArgs())))))
                .subscribe().with(ignored -> { }, failure -> Log.warnf("Could not record the log push of detached "
                        + "task %s (it is made again after its claim ends): %s", claimed.taskId(),
                        failure.getMessage()));
    }

    /** A paramiko job reading the task's log from the push cursor, with the launch's login. */
    private static ExecutionRequest readRequest(Claimed claimed) {
        return JobJson.mapper().convertValue(claimed.login().jobBody(Map.of("read_detached_task_logs",
                Map.of("task_id", claimed.taskId(), "offset", claimed.cursor().offset()))), ExecutionRequest.class);
    }

    /** Sends what the read found and advances the cursor, or stops the pushes when the task is gone. */
    private Uni<Void> pushed(Claimed claimed, CommandResult entry) {
        Map<String, Object> metadata = entry.metadata() == null ? Map.of() : entry.metadata();
        if (!(metadata.get("next_offset") instanceof Number next)) { // the device could not be asked
            return later(claimed, Secrets.scrub(String.valueOf(entry.stderr()), Secrets.valuesIn(claimed.login().connectionArgs())));
        }
        String taskId = claimed.taskId();
        if (claimed.login().webhook() == null) {
            return stop(taskId, List.of());
        }
        if (entry.exitStatus() != 0) {
            Log.infof("Detached task %s is no longer on its device; its log pushes stop", taskId);
            return stop(taskId, List.of());
        }
        boolean last = !Boolean.TRUE.equals(metadata.get("is_running"));
        String chunk = entry.stdout() == null ? "" : entry.stdout().toString();
        if (!last && chunk.isEmpty()) {
            return due(taskId, claimed.cursor().interval());
        }
        long from = claimed.cursor().offset() > next.longValue() ? 0 : claimed.cursor().offset(); // rotated: from 0
        PushCursor cursor = claimed.cursor().pushed(next.longValue());
        Delivery delivery = webhooks.prepare(claimed.login().webhook(), last ? COMPLETED : LOG_PUSH, taskId,
                payload(taskId, claimed.login(), cursor, from, entry, last));
        List<Request> writes = new ArrayList<>(webhooks.schedule(delivery));
        if (last) {
            return stop(taskId, writes).invoke(() -> webhooks.attempt(delivery));
        }
        writes.add(Request.cmd(Command.SET).arg(RedisKeys.detachedTaskPush(taskId)).arg(JobJson.write(cursor))
                .arg("EX").arg(KEEP.toSeconds()));
        writes.add(dueRequest(taskId, cursor.interval()));
        return transaction(writes).invoke(() -> webhooks.attempt(delivery));
    }

    /**
     * The push payload, in the shape of NetPulse's detached pushes ({@code id} is the task id and
     * {@code result.retval} holds the query entry with the log chunk as {@code stdout}), plus {@code sequence},
     * {@code offset}, {@code next_offset} and {@code exit_code}. Secrets are masked.
     */
    static ObjectNode payload(String taskId, DetachedLogin login, PushCursor cursor, long from, CommandResult entry,
                              boolean last) {
        List<String> secrets = Secrets.valuesIn(login.connectionArgs());
        ObjectNode payload = JobJson.mapper().createObjectNode();
        payload.put("id", taskId);
        payload.put("status", last ? "completed" : "running");
        payload.put("event_type", last ? COMPLETED : LOG_PUSH);
        payload.put("final", last);
        payload.put("timestamp", JobJson.formatTimestamp(Instant.now()));
        payload.put("task_id", taskId);
        payload.put("sequence", cursor.sequence());
        payload.put("offset", from);
        payload.put("next_offset", cursor.offset());
        Object exitCode = entry.metadata().get("exit_code");
        if (last && exitCode instanceof Number code) {
            payload.put("exit_code", code.intValue());
        } else {
            payload.putNull("exit_code");
        }
        ObjectNode result = payload.putObject("result");
        result.put("type", "successful");
        result.putArray("retval").add(Secrets.mask(entry.withMetadata("offset", from), secrets));
        result.putNull("error");
        Object host = login.connectionArgs().get("host");
        if (host == null) {
            payload.putNull("device");
        } else {
            payload.putObject("device").put("host", host.toString());
        }
        payload.putNull("device_name");
        payload.putNull("command");
        return payload;
    }

    /** The push could not be made: the next one (one interval later) reads from the same cursor. */
    private Uni<Void> later(Claimed claimed, String why) {
        Log.infof("Log push of detached task %s skipped (%s); the next one includes its output", claimed.taskId(), why);
        return due(claimed.taskId(), claimed.cursor().interval());
    }

    private Uni<Void> due(String taskId, int interval) {
        return redis.send(dueRequest(taskId, interval)).replaceWithVoid();
    }

    private static Request dueRequest(String taskId, int interval) {
        return Request.cmd(Command.ZADD).arg(RedisKeys.DETACHED_PUSHES_DUE)
                .arg(Instant.now().toEpochMilli() + interval * 1000L).arg(taskId);
    }

    /** Ends the pushes of a task, with {@code writes} (its final delivery). */
    private Uni<Void> stop(String taskId, List<Request> writes) {
        List<Request> all = new ArrayList<>(writes);
        all.add(Request.cmd(Command.ZREM).arg(RedisKeys.DETACHED_PUSHES_DUE).arg(taskId));
        all.add(Request.cmd(Command.DEL).arg(RedisKeys.detachedTaskPush(taskId)));
        return transaction(all);
    }

    private Uni<Void> transaction(List<Request> writes) {
        List<Request> all = new ArrayList<>(writes.size() + 2);
        all.add(Request.cmd(Command.MULTI));
        all.addAll(writes);
        all.add(Request.cmd(Command.EXEC));
        return redis.batch(all).replaceWithVoid();
    }
}
