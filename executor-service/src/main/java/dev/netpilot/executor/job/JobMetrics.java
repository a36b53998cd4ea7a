package dev.netpilot.executor.job;

import dev.netpilot.job.JobStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This executor's jobs as metrics at {@code /q/metrics}: {@code netpilot_executor_jobs_total{driver,queue,status}}
 * and the run time histogram {@code netpilot_executor_job_duration_seconds{driver,queue}} (from the job's start
 * to its end). {@code queue} is {@code pinned} or {@code fifo}. The meters are made once per label set, so
 * recording a job costs two map lookups.
 */
@Singleton
public class JobMetrics {

    /** Histogram buckets: from a warm pinned command (milliseconds) to a long config push. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(300)};

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts a job that ended here.
     *
     * @param driver  the request's driver, or null when the request could not be read
     * @param seconds its run time ({@link dev.netpilot.job.Job#duration()}), or null when it never started
     */
    public void ended(String driver, boolean pinned, JobStatus status, Double seconds) {
        String name = driver == null ? "unknown" : driver;
        String queue = pinned ? "pinned" : "fifo";
        String statusName = status.wire();
        counters.computeIfAbsent(name + '\0' + queue + '\0' + statusName, key -> Counter
                .builder("netpilot.executor.jobs")
                .description("Jobs this executor ended, by driver, queue (pinned or fifo) and status")
                .tags("driver", name, "queue", queue, "status", statusName).register(registry)).increment();
        if (seconds != null) {
            timers.computeIfAbsent(name + '\0' + queue, key -> Timer.builder("netpilot.executor.job.duration")
                    .description("Run time of the jobs this executor ended, from their start to their end")
                    .tags("driver", name, "queue", queue).serviceLevelObjectives(BUCKETS).register(registry))
                    .record(Math.round(seconds * 1e9), TimeUnit.NANOSECONDS);
        }
    }
}
