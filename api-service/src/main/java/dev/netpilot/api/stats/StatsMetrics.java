package dev.netpilot.api.stats;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.job.RedisKeys;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

/**
 * The cluster's numbers of {@code GET /system/stats} as {@code netpilot_*} metrics at {@code /q/metrics}: read
 * from Redis every {@code np.api.stats-metrics-interval}, so a scrape never waits for Redis and costs Redis
 * nothing. Every API replica shows the same cluster-wide values. Until the first read, and after a failed one,
 * the values are those of the last read that worked; {@code netpilot_stats_age_seconds} says how old they are.
 */
@Singleton
public class StatsMetrics {

    private final StatsService stats;
    private final Vertx vertx;
    private final ApiConfig config;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile SystemStats last;
    private volatile long readAtNanos;
    private long timer = -1;

    public StatsMetrics(StatsService stats, Vertx vertx, ApiConfig config) {
        this.stats = stats;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event, MeterRegistry registry) {
        // Prometheus keeps one description per metric: each is written for all of that metric's labels.
        String ended = "Jobs that ended, by status, since the counters began";
        counter(registry, "netpilot.jobs", Map.of("status", "succeeded"), ended, s -> s.jobs().succeeded());
        counter(registry, "netpilot.jobs", Map.of("status", "failed"), ended, s -> s.jobs().failed());
        counter(registry, "netpilot.jobs", Map.of("status", "cancelled"), ended, s -> s.jobs().cancelled());
        counter(registry, "netpilot.jobs", Map.of("status", "expired"), ended, s -> s.jobs().expired());
        counter(registry, "netpilot.jobs.accepted", Map.of(), "Jobs accepted, since the counters began",
                s -> s.jobs().total());
        String current = "Jobs queued or in progress now";
        gauge(registry, "netpilot.jobs.current", Map.of("state", "queued"), current, s -> s.jobs().queued());
        gauge(registry, "netpilot.jobs.current", Map.of("state", "in_progress"), current,
                s -> s.jobs().inProgress());
        String depth = "Jobs not yet ended in the FIFO queue, and in the device lanes of live executors together";
        gauge(registry, "netpilot.queue.depth", Map.of("queue", "fifo"), depth,
                s -> s.queues().getOrDefault(RedisKeys.FIFO_QUEUE, 0L));
        gauge(registry, "netpilot.queue.depth", Map.of("queue", "pinned"), depth,
                s -> s.queues().entrySet().stream().filter(queue -> !queue.getKey().equals(RedisKeys.FIFO_QUEUE))
                        .mapToLong(Map.Entry::getValue).sum());
        String executors = "Live executors: busy (running FIFO jobs), idle, draining (leaving)";
        gauge(registry, "netpilot.executors", Map.of("state", "busy"), executors, s -> s.workers().busy());
        gauge(registry, "netpilot.executors", Map.of("state", "idle"), executors, s -> s.workers().idle());
        gauge(registry, "netpilot.executors", Map.of("state", "draining"), executors, s -> s.workers().draining());
        gauge(registry, "netpilot.pinned.devices", Map.of(), "Pinned devices owned by live executors",
                s -> s.nodes().pinnedDevices());
        gauge(registry, "netpilot.pinned.sessions", Map.of(), "Pinned devices with an open kept session",
                s -> s.nodes().sessions());
        gauge(registry, "netpilot.pinned.capacity", Map.of(), "Pinned devices the live executors may own together",
                s -> s.nodes().totalCapacity());
        String healing = "Self-healing since the counters began: probe_failure (a kept session failed its deep probe "
                + "and was dropped), node_failover (a dead executor's devices moved to live ones)";
        counter(registry, "netpilot.self.healing", Map.of("kind", "probe_failure"), healing,
                s -> s.selfHealing().probeFailures());
        counter(registry, "netpilot.self.healing", Map.of("kind", "node_failover"), healing,
                s -> s.selfHealing().nodeFailovers());
        Gauge.builder("netpilot.stats.age", this, StatsMetrics::age).baseUnit("seconds")
                .description("Age of the netpilot_* values (NaN before the first read from Redis)").register(registry);
        read();
        timer = vertx.setPeriodic(config.statsMetricsInterval().toMillis(), id -> read());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void counter(MeterRegistry registry, String name, Map<String, String> tags, String description,
                         ToDoubleFunction<SystemStats> value) {
        FunctionCounter.Builder<StatsMetrics> counter = FunctionCounter.builder(name, this,
                metrics -> metrics.value(value)).description(description);
        tags.forEach(counter::tag);
        counter.register(registry);
    }

    private void gauge(MeterRegistry registry, String name, Map<String, String> tags, String description,
                       ToDoubleFunction<SystemStats> value) {
        Gauge.Builder<StatsMetrics> gauge = Gauge.builder(name, this, metrics -> metrics.value(value))
                .description(description);
        tags.forEach(gauge::tag);
        gauge.register(registry);
    }

    private double value(ToDoubleFunction<SystemStats> value) {
        SystemStats read = last;
        return read == null ? Double.NaN : value.applyAsDouble(read);
    }

    private double age() {
        return last == null ? Double.NaN : (System.nanoTime() - readAtNanos) / 1e9;
    }

    private void read() {
        if (!reading.compareAndSet(false, true)) {
            return; // the previous read is still under way
        }
        stats.read().subscribe().with(read -> {
            readAtNanos = System.nanoTime();
            last = read;
            reading.set(false);
        }, failure -> {
            Log.debugf("Reading the stats for the metrics failed: %s", failure.getMessage());
            reading.set(false);
        });
    }
}
