package dev.netpilot.executor.session;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException;
import dev.netpilot.executor.ExecutorConfig;
import dev.netpilot.executor.WorkerName;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-device session limit, held across the cluster: before a login, a slot is leased in the device's sorted
 * set; it is released after the session has closed. Leases last {@code dead-after} and this node renews the ones
 * it holds on every heartbeat, so a crashed node's slots free themselves.
 */
@ApplicationScoped
public class SessionSlots {

    /** A leased slot. */
    public record Slot(String key, String token) {
    }

    private static final String TAKE = """
            local key, token, limit, now, expires = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
            if redis.call('ZCARD', key) >= limit then return 0 end
            redis.call('ZADD', key, expires, token)
            redis.call('PEXPIREAT', key, expires)
            return 1
            """;
    /**
     * A device frees its VTY line only once it has processed the close, a moment after our side is done; the slot
     * is kept that much longer so that the next login never finds the line still taken.
     */
    private static final long RELEASE_GRACE_MS = 50;
    private static final long FIRST_RETRY_MS = 20;
    private static final long LONGEST_RETRY_MS = 500;

    private final Redis redis;
    private final Vertx vertx;
    private final ExecutorConfig config;
    private final String node;
    private final Map<Slot, Boolean> held = new ConcurrentHashMap<>();
    private long renewTimer = -1;

    public SessionSlots(Redis redis, Vertx vertx, ExecutorConfig config, WorkerName worker) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
        this.node = worker.value();
    }

    void start(@Observes StartupEvent event) {
        renewTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> renew());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(renewTimer);
    }

    /** The limit for this login: {@code connection_args.session_limit}, else the executor's default. */
    public int limitFor(Map<String, Object> connectionArgs) {
        Object value = connectionArgs.get("session_limit");
        if (value == null) {
            return config.deviceSessionLimit();
        }
        try {
            int limit = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
            if (limit < 1) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new DriverException.InvalidArgumentException(
                    "connection_args.session_limit must be a whole number of at least 1, got '" + value + "'");
        }
    }

    /** Leases a slot of the device, waiting (with growing pauses) up to {@code session-slot-wait} for one. */
    public CompletionStage<Slot> take(ConnectionSpec spec, int limit) {
        return take(spec, limit, config.sessionSlotWait());
    }

    /** Leases a slot of the device, waiting up to {@code wait} for one (work bounded by its own, shorter timeout). */
    public CompletionStage<Slot> take(ConnectionSpec spec, int limit, Duration wait) {
        Slot slot = new Slot(RedisKeys.deviceSessions(spec.host(), spec.port()), node + ":" + UUID.randomUUID());
        CompletableFuture<Slot> taken = new CompletableFuture<>();
        attempt(slot, limit, spec, wait, System.nanoTime() + wait.toNanos(), FIRST_RETRY_MS, taken);
        return taken;
    }

    private void attempt(Slot slot, int limit, ConnectionSpec spec, Duration wait, long deadline, long pause,
                         CompletableFuture<Slot> taken) {
        long now = System.currentTimeMillis();
        redis.send(Request.cmd(Command.EVAL).arg(TAKE).arg(1).arg(slot.key()).arg(slot.token())
                        .arg(String.valueOf(limit)).arg(String.valueOf(now))
                        .arg(String.valueOf(now + config.deadAfter().toMillis())))
                .subscribe().with(granted -> {
                    if (granted.toInteger() == 1) {
                        held.put(slot, Boolean.TRUE);
                        taken.complete(slot);
                    } else if (System.nanoTime() > deadline) {
                        taken.completeExceptionally(new DriverException.DeviceConnectionException(spec.address()
                                + " already has " + limit + " session(s) open across the cluster (its session "
                                + "limit); no slot freed within " + wait.toMillis() / 1000.0 + " s. Raise "
                                + "connection_args.session_limit or np.executor.device-session-limit if the device "
                                + "allows more", null));
                    } else {
                        vertx.setTimer(pause, id -> attempt(slot, limit, spec, wait, deadline,
                                Math.min(LONGEST_RETRY_MS, pause * 2), taken));
                    }
                }, taken::completeExceptionally);
    }

    /** Gives a slot back; call it once the session has closed. */
    public void release(Slot slot) {
        held.remove(slot);
        vertx.setTimer(RELEASE_GRACE_MS, id -> redis.send(Request.cmd(Command.ZREM).arg(slot.key()).arg(slot.token()))
                .subscribe().with(ignored -> { }, failure -> Log.debugf("Could not release a session slot: %s",
                        failure.getMessage())));
    }

    private void renew() {
        if (held.isEmpty()) {
            return;
        }
        String expires = String.valueOf(System.currentTimeMillis() + config.deadAfter().toMillis());
        List<Request> batch = new ArrayList<>();
        for (Slot slot : held.keySet()) {
            batch.add(Request.cmd(Command.ZADD).arg(slot.key()).arg("XX").arg(expires).arg(slot.token()));
            batch.add(Request.cmd(Command.PEXPIREAT).arg(slot.key()).arg(expires));
        }
        redis.batch(batch).subscribe().with(ignored -> { }, failure -> Log.warnf(
                "Could not renew %d session slot(s): %s", held.size(), failure.getMessage()));
    }
}
