package dev.netpilot.executor.lane;

import dev.netpilot.executor.StreamGroups;
import dev.netpilot.executor.ExecutorConfig;
import dev.netpilot.executor.WorkerName;
import dev.netpilot.executor.job.JobEndHooks;
import dev.netpilot.executor.job.JobRecords;
import dev.netpilot.executor.node.Nodes;
import dev.netpilot.executor.scheduling.NodeLoad;
import dev.netpilot.executor.scheduling.NodeScheduler;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobResult;
import dev.netpilot.job.JobStatus;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds an owner for lanes that have none: reads the assign stream (every executor, one consumer group), asks
 * the configured scheduler for nodes for the whole batch at once, and claims each lane for its node atomically.
 * Lanes no live node has room for fail their queued jobs at once with a clear error rather than wait for their
 * ttl.
 */
@ApplicationScoped
public class LaneAssigner {

    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final ReactiveStreamCommands<String, String, String> streams;
    private final LaneScripts scripts;
    private final Nodes nodes;
    private final JobRecords records;
    private final JobEndHooks endHooks;
    private final NodeScheduler scheduler;
    private final ExecutorConfig config;
    private final Vertx vertx;
    private final String me;
    private volatile boolean stopped;

    public LaneAssigner(ReactiveRedisDataSource redis, LaneScripts scripts, Nodes nodes, JobRecords records,
                        JobEndHooks endHooks, ExecutorConfig config, Vertx vertx, WorkerName worker,
                        PluginLoader plugins) {
        this.streams = redis.stream(String.class);
        this.scripts = scripts;
        this.nodes = nodes;
        this.records = records;
        this.endHooks = endHooks;
        this.scheduler = plugins.plugins(NodeScheduler.class, "scheduler", NodeScheduler::name).get(config.scheduler());
        this.config = config;
        this.vertx = vertx;
        this.me = worker.value();
    }

    public void start() {
        StreamGroups.ensure(streams, RedisKeys.ASSIGN_STREAM)
                .subscribe().with(ignored -> read(), this::retryLater);
    }

    public void stop() {
        stopped = true;
    }

    private void read() {
        if (stopped) {
            return;
        }
        streams.xreadgroup(RedisKeys.EXECUTOR_GROUP, me, RedisKeys.ASSIGN_STREAM, ">",
                        new XReadGroupArgs().count(500).block(config.readBlock()))
                .chain(this::assign)
                .subscribe().with(ignored -> read(), this::retryLater);
    }

    private Uni<Void> assign(List<StreamMessage<String, String, String>> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> laneIds = new LinkedHashSet<>();
        entries.forEach(entry -> laneIds.add(entry.payload().get(RedisKeys.LANE_FIELD)));
        String[] ids = entries.stream().map(StreamMessage::id).toArray(String[]::new);
        return nodes.liveLoads().chain(loads -> {
            List<String> lanes = new ArrayList<>(laneIds);
            List<String> picks = scheduler.selectBatch(loads, lanes);
            List<Uni<Void>> claims = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                claims.add(claim(lanes.get(i), picks.get(i), loads));
            }
            return Multi.createFrom().iterable(claims).onItem().transformToUniAndConcatenate(u -> u).collect().last();
        }).chain(() -> streams.xack(RedisKeys.ASSIGN_STREAM, RedisKeys.EXECUTOR_GROUP, ids))
                .chain(() -> streams.xdel(RedisKeys.ASSIGN_STREAM, ids))
                .replaceWithVoid();
    }

    private Uni<Void> claim(String laneId, String node, List<NodeLoad> loads) {
        if (node == null) {
            return failQueued(laneId, loads);
        }
        int capacity = loads.stream().filter(l -> l.name().equals(node)).mapToInt(NodeLoad::capacity).findFirst()
                .orElse(0);
        return scripts.assign(laneId, node, capacity).chain(owner -> {
            if (owner != null) {
                return Uni.createFrom().voidItem();
            }
            // The chosen node died or filled up meanwhile: ask again.
            return streams.xadd(RedisKeys.ASSIGN_STREAM, java.util.Map.of(RedisKeys.LANE_FIELD, laneId)).replaceWithVoid();
        });
    }

    /** No live node has room: every queued job of the lane fails now, saying why and what to do. */
    private Uni<Void> failQueued(String laneId, List<NodeLoad> loads) {
        String stream = RedisKeys.lane(laneId);
        String message = "no executor can take another pinned device: " + loads.size() + " live executor(s), "
                + loads.stream().mapToInt(NodeLoad::free).sum() + " free slot(s); add executors, raise "
                + "np.executor.capacity, or send the job with queue_strategy fifo";
        Log.warnf("Lane %s: %s", laneId, message);
        return streams.xrange(stream, StreamRange.of("-", "+"), 1000).chain(entries ->
                Multi.createFrom().iterable(entries).onItem().transformToUniAndConcatenate(entry -> {
                    String jobId = entry.payload().get(RedisKeys.STREAM_JOB_FIELD);
                    return records.load(jobId, null).chain(loaded -> loaded == null
                            || loaded.job().status() != JobStatus.QUEUED
                            ? records.discard(stream, entry.id())
                            : endHooks.record(ended(loaded.job(), message), JobEndHooks.readRequest(loaded.requestJson()),
                                    loaded.submittedBy(), config.defaultResultTtl(), stream, entry.id()));
                }).collect().last().replaceWithVoid());
    }

    private Job ended(Job job, String message) {
        return job.ended(JobStatus.FAILED, JobResult.failed("NoCapacity", message), Instant.now());
    }

    private void retryLater(Throwable failure) {
        if (stopped) {
            return;
        }
        Log.warnf("Assigning lanes failed (%s); retrying in %s", failure.getMessage(), RETRY_AFTER_FAILURE);
        vertx.setTimer(RETRY_AFTER_FAILURE.toMillis(), id -> start());
    }
}
