package dev.netpilot.executor.lane;

import dev.netpilot.executor.StreamGroups;
import dev.netpilot.executor.ExecutorConfig;
import dev.netpilot.executor.WorkerName;
import dev.netpilot.executor.job.JobRunner;
import dev.netpilot.executor.job.JobRunner.JobEntry;
import dev.netpilot.executor.job.JobRunner.Outcome;
import dev.netpilot.executor.session.SessionSlots;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XReadArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pinned devices this node owns. Each lane's jobs are pulled one at a time from the lane's stream and run on
 * the lane's kept session, so jobs of one device run strictly in order; many lanes run side by side on the event
 * loop, and no read blocks per device: one blocking read on the node's wake stream tells which lanes have work.
 */
@ApplicationScoped
public class Lanes {

    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveStreamCommands<String, String, String> streams;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final LaneScripts scripts;
    private final SessionSlots slots;
    private final JobRunner runner;
    private final ExecutorConfig config;
    private final Vertx vertx;
    private final String me;
    private final Map<String, PinnedLane> lanes = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private long sweepTimer = -1;

    public Lanes(ReactiveRedisDataSource redis, LaneScripts scripts, SessionSlots slots, JobRunner runner,
                 ExecutorConfig config, Vertx vertx, WorkerName worker) {
        this.streams = redis.stream(String.class);
        this.sets = redis.set(String.class);
        this.hashes = redis.hash(String.class);
        this.scripts = scripts;
        this.slots = slots;
        this.runner = runner;
        this.config = config;
        this.vertx = vertx;
        this.me = worker.value();
    }

    /** Picks up the lanes this node owns (after a restart under the same name) and starts listening for wakes. */
    public Uni<Void> start() {
        String wake = RedisKeys.nodeWake(me);
        return streams.xrevrange(wake, StreamRange.of("-", "+"), 1)
                .map(last -> last.isEmpty() ? "0-0" : last.get(0).id())
                .call(() -> sets.smembers(RedisKeys.nodeLanes(me)).invoke(owned -> owned.forEach(this::wake)))
                .invoke(lastId -> {
                    readWakes(lastId);
                    sweepTimer = vertx.setPeriodic(SWEEP_INTERVAL.toMillis(), id -> sweep());
                })
                .replaceWithVoid();
    }

    public int count() {
        return lanes.size();
    }

    public int sessions() {
        return (int) lanes.values().stream().map(PinnedLane::session).filter(Objects::nonNull).count();
    }

    private void readWakes(String after) {
        if (stopped) {
            return;
        }
        streams.xread(RedisKeys.nodeWake(me), after, new XReadArgs().count(1000).block(config.readBlock()))
                .subscribe().with(entries -> {
                    String last = after;
                    for (StreamMessage<String, String, String> entry : entries) {
                        wake(entry.payload().get(RedisKeys.LANE_FIELD));
                        last = entry.id();
                    }
                    readWakes(last);
                }, failure -> {
                    if (stopped) {
                        return;
                    }
                    Log.warnf("Reading the wake stream failed (%s); retrying in %s", failure.getMessage(),
                            RETRY_AFTER_FAILURE);
                    vertx.setTimer(RETRY_AFTER_FAILURE.toMillis(), id -> readWakes(after));
                });
    }

    /** There may be work in this lane: pull it unless a pull is already going on. */
    void wake(String laneId) {
        PinnedLane lane = lanes.computeIfAbsent(laneId, id -> new PinnedLane(id, this::sessionChanged, slots));
        synchronized (lane) {
            if (stopped) {
                return;
            }
            if (lane.pulling) {
                lane.wakeAgain = true;
                return;
            }
            lane.pulling = true;
        }
        pull(lane);
    }

    private void pull(PinnedLane lane) {
        Uni<Outcome> ran = lane.claimed ? runNext(lane)
                : takeOver(lane, RedisKeys.lane(lane.id)).chain(entries -> runInOrder(lane, entries));
        ran.subscribe().with(outcome -> {
                    boolean tookOver = !lane.claimed;
                    lane.claimed = true;
                    if (outcome == Outcome.NOT_OWNER) {
                        dropLane(lane, "another node owns it now");
                    } else if (!tookOver && (outcome == null || lane.drained)) {
                        idleOrAgain(lane);
                    } else { // more may be waiting: after a take-over the new entries are still unread
                        pull(lane);
                    }
                }, failure -> {
                    if (stopped) {
                        return;
                    }
                    Log.warnf("Pulling lane %s failed (%s); retrying in %s", lane.id, failure.getMessage(),
                            RETRY_AFTER_FAILURE);
                    vertx.setTimer(RETRY_AFTER_FAILURE.toMillis(), id -> pull(lane));
                });
    }

    /**
     * Reads the lane's next new entry together with its job (one round trip) and runs it; null when none. Notes in
     * {@link PinnedLane#drained} whether that entry was the lane's newest.
     */
    private Uni<Outcome> runNext(PinnedLane lane) {
        return scripts.next(lane.id, me).chain(next -> {
            if (next == null) {
                return Uni.createFrom().nullItem();
            }
            lane.drained = next.last();
            return runner.run(new JobEntry(RedisKeys.lane(lane.id), next.entryId(), next.jobId(), lane.id, false),
                    next.loaded(), lane);
        });
    }

    /**
     * The first pull of a lane on this node: the consumer group may be new, and entries delivered to an earlier
     * owner but never acknowledged (it died, or this node restarted) are taken over first, in stream order.
     */
    private Uni<List<StreamMessage<String, String, String>>> takeOver(PinnedLane lane, String stream) {
        return StreamGroups.ensure(streams, stream)
                .chain(() -> streams.xautoclaim(stream, RedisKeys.EXECUTOR_GROUP, me, Duration.ZERO, "0-0", 1000))
                .map(claimed -> {
                    List<StreamMessage<String, String, String>> alive = new ArrayList<>();
                    for (StreamMessage<String, String, String> entry : claimed.getMessages()) {
                        if (entry.payload() != null && entry.payload().get(RedisKeys.STREAM_JOB_FIELD) != null) {
                            alive.add(entry);
                        }
                    }
                    if (!alive.isEmpty()) {
                        Log.infof("Took over %d pending job(s) of lane %s", alive.size(), lane.id);
                    }
                    return alive;
                });
    }

    /** Runs entries taken over from an earlier owner one after another; null when there were none. */
    private Uni<Outcome> runInOrder(PinnedLane lane, List<StreamMessage<String, String, String>> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        Uni<Outcome> chain = Uni.createFrom().item(Outcome.DONE);
        for (StreamMessage<String, String, String> entry : entries) {
            JobEntry job = new JobEntry(RedisKeys.lane(lane.id), entry.id(),
                    entry.payload().get(RedisKeys.STREAM_JOB_FIELD), lane.id, true);
            chain = chain.chain(outcome -> outcome == Outcome.NOT_OWNER
                    ? Uni.createFrom().item(outcome) : runner.run(job, lane));
        }
        return chain;
    }

    private void idleOrAgain(PinnedLane lane) {
        synchronized (lane) {
            if (lane.wakeAgain && !stopped) {
                lane.wakeAgain = false;
            } else {
                lane.pulling = false;
                return;
            }
        }
        pull(lane);
    }

    private void dropLane(PinnedLane lane, String why) {
        Log.infof("Dropping lane %s: %s", lane.id, why);
        lanes.remove(lane.id, lane);
        lane.closeSession();
        sets.srem(RedisKeys.nodeLanes(me), lane.id).subscribe().with(ignored -> { }, failure -> { });
    }

    private void sessionChanged(String laneId, boolean open) {
        hashes.hset(RedisKeys.nodeSessions(me), laneId, open ? "open" : "closed")
                .subscribe().with(ignored -> { }, failure -> Log.debugf("Could not record session state: %s", failure));
    }

    /**
     * Every few seconds: idle sessions past the idle timeout are logged out and their lanes released (when no
     * work waits); idle live sessions past the probe interval get a deep probe, and are dropped if it fails.
     */
    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<PinnedLane> it = lanes.values().iterator(); it.hasNext(); ) {
            PinnedLane lane = it.next();
            synchronized (lane) {
                if (lane.pulling || stopped) {
                    continue;
                }
            }
            if (now - lane.lastUsedNanos > config.sessionIdleTimeout().toNanos()) {
                release(lane, false);
            } else if (lane.session() != null && now - lane.lastProbeNanos > config.probeInterval().toNanos()) {
                probe(lane);
            }
        }
    }

    private void probe(PinnedLane lane) {
        var session = lane.session();
        lane.lastProbeNanos = System.nanoTime();
        session.probe(PROBE_TIMEOUT).whenComplete((ok, failure) -> {
            if (failure != null) {
                Log.infof("Pinned session of %s failed its probe (%s); the next job logs in again", lane.id,
                        failure.getMessage());
                lane.discard(session);
                hashes.hincrby(RedisKeys.STATS_SELF_HEALING, "probe_failures", 1).subscribe().with(ignored -> { },
                        error -> Log.debugf("Could not count a probe failure: %s", error.getMessage()));
            }
        });
    }

    private void release(PinnedLane lane, boolean handOver) {
        scripts.release(lane.id, me, handOver).subscribe().with(released -> {
            if (released) {
                lanes.remove(lane.id, lane);
                lane.closeSession();
            }
        }, failure -> Log.warnf("Could not release lane %s: %s", lane.id, failure.getMessage()));
    }

    /**
     * Graceful stop: no new pulls, wait (until {@code deadline}, nanoTime) for running jobs, then hand every lane
     * back (lanes with work waiting go to another node) and log out.
     */
    public void drain(long deadline) {
        stopped = true;
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        while (System.nanoTime() < deadline && lanes.values().stream().anyMatch(l -> {
            synchronized (l) {
                return l.pulling;
            }
        })) {
            try {
                Thread.sleep(50); // shutdown only: waiting for the last jobs to end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Uni<Boolean>> releases = new ArrayList<>();
        for (PinnedLane lane : lanes.values()) {
            releases.add(scripts.release(lane.id, me, true).onFailure().recoverWithItem(false));
            lane.closeSession();
        }
        if (!releases.isEmpty()) {
            Uni.join().all(releases).andCollectFailures().await().atMost(Duration.ofSeconds(10));
        }
        lanes.clear();
    }
}
