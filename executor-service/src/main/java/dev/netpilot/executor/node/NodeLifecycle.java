package dev.netpilot.executor.node;

import dev.netpilot.executor.ExecutorConfig;
import dev.netpilot.executor.WorkerName;
import dev.netpilot.executor.fifo.FifoConsumer;
import dev.netpilot.executor.job.JobRunner;
import dev.netpilot.executor.lane.LaneAssigner;
import dev.netpilot.executor.lane.LaneScripts;
import dev.netpilot.executor.lane.Lanes;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.NodeInfo;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * This executor as a node of the cluster: it registers and beats (its record expires when it stops beating),
 * starts the consumers, takes over the devices and FIFO jobs of nodes that died, and on shutdown drains: it
 * finishes running jobs, hands its devices back and leaves.
 */
@ApplicationScoped
public class NodeLifecycle {

    private final Redis redis;
    private final ReactiveRedisDataSource redisData;
    private final ExecutorConfig config;
    private final String me;
    private final FifoConsumer fifo;
    private final Lanes lanes;
    private final LaneAssigner assigner;
    private final LaneScripts scripts;
    private final Nodes nodes;
    private final JobRunner runner;
    private final Vertx vertx;
    private final Instant startedAt = Instant.now();
    private volatile boolean draining;
    private long beatTimer = -1;
    private Cancellable drainRequests;

    public NodeLifecycle(Redis redis, ReactiveRedisDataSource redisData, ExecutorConfig config, WorkerName worker,
                         FifoConsumer fifo, Lanes lanes, LaneAssigner assigner, LaneScripts scripts, Nodes nodes,
                         JobRunner runner, Vertx vertx) {
        this.redis = redis;
        this.redisData = redisData;
        this.config = config;
        this.me = worker.value();
        this.fifo = fifo;
        this.lanes = lanes;
        this.assigner = assigner;
        this.scripts = scripts;
        this.nodes = nodes;
        this.runner = runner;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        beat().await().atMost(Duration.ofSeconds(30));
        fifo.start();
        lanes.start().await().atMost(Duration.ofSeconds(30));
        assigner.start();
        beatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> beat()
                .chain(this::reapDeadNodes)
                .subscribe().with(ignored -> { }, failure -> Log.warnf("Heartbeat failed: %s", failure.getMessage())));
        drainRequests = redisData.pubsub(String.class).subscribe(RedisKeys.NODE_DRAIN_CHANNEL).subscribe().with(name -> {
            if (me.equals(name)) {
                Log.infof("Asked to drain: finishing running jobs, then stopping");
                Quarkus.asyncExit(); // the shutdown observer below drains
            }
        }, failure -> Log.errorf(failure, "Lost the subscription to %s", RedisKeys.NODE_DRAIN_CHANNEL));
        Log.infof("Executor node %s is up: capacity %d pinned devices, scheduler %s", me, config.capacity(),
                config.scheduler());
    }

    void stop(@Observes ShutdownEvent event) {
        draining = true;
        vertx.cancelTimer(beatTimer);
        if (drainRequests != null) {
            drainRequests.cancel();
        }
        assigner.stop();
        beat().await().atMost(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        fifo.drain(deadline);
        lanes.drain(deadline);
        redis.batch(List.of(
                        Request.cmd(Command.DEL).arg(RedisKeys.node(me)).arg(RedisKeys.nodeLanes(me))
                                .arg(RedisKeys.nodeSessions(me)).arg(RedisKeys.nodeWake(me)),
                        Request.cmd(Command.SREM).arg(RedisKeys.NODES).arg(me)))
                .await().atMost(Duration.ofSeconds(5));
        Log.infof("Executor node %s left the cluster", me);
    }

    /** Writes this node's record with an expiry of {@code dead-after}: a node that stops beating disappears. */
    private Uni<Void> beat() {
        NodeInfo info = new NodeInfo(me, WorkerName.hostname(), ProcessHandle.current().pid(), config.capacity(),
                lanes.count(), lanes.sessions(), fifo.running(), config.fifoConcurrency(), runner.succeeded(),
                runner.failed(), draining, startedAt, Instant.now());
        return redis.batch(List.of(
                Request.cmd(Command.SET).arg(RedisKeys.node(me)).arg(JobJson.write(info))
                        .arg("PX").arg(String.valueOf(config.deadAfter().toMillis())),
                Request.cmd(Command.SADD).arg(RedisKeys.NODES).arg(me))).replaceWithVoid();
    }

    /** Nodes whose record expired are dead: one live node hands their devices on and runs their FIFO jobs. */
    private Uni<Void> reapDeadNodes() {
        return nodes.names().chain(names -> Multi.createFrom().iterable(names)
                .filter(name -> !name.equals(me))
                .onItem().transformToUniAndConcatenate(name -> scripts.reap(name, me).chain(moved -> {
                    if (moved < 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.warnf("Executor %s is dead (no heartbeat for %s); its %d pinned device(s) move to live "
                            + "executors", name, config.deadAfter(), moved);
                    return fifo.reclaimFrom(name);
                }))
                .collect().last().replaceWithVoid());
    }
}
