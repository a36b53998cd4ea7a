package dev.netpilot.executor.fifo;

import dev.netpilot.executor.StreamGroups;
import dev.netpilot.executor.ExecutorConfig;
import dev.netpilot.executor.WorkerName;
import dev.netpilot.executor.job.JobRunner;
import dev.netpilot.executor.job.JobRunner.JobEntry;
import dev.netpilot.executor.session.FreshSessions;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XPendingArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Reads the FIFO stream in the executors' consumer group and runs up to {@code fifo-concurrency} jobs at once,
 * each on a fresh login. It asks Redis only for as many entries as it has free slots, so that idle executors get
 * the rest.
 */
@ApplicationScoped
public class FifoConsumer {

    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final ReactiveStreamCommands<String, String, String> streams;
    private final JobRunner runner;
    private final FreshSessions sessions;
    private final ExecutorConfig config;
    private final String consumer;
    private int running;
    private boolean reading;
    private volatile boolean stopped;

    public FifoConsumer(ReactiveRedisDataSource redis, JobRunner runner, FreshSessions sessions, ExecutorConfig config,
                        WorkerName worker) {
        this.streams = redis.stream(String.class);
        this.runner = runner;
        this.sessions = sessions;
        this.config = config;
        this.consumer = worker.value();
    }

    public void start() {
        Log.infof("Executor %s consumes %s with up to %d jobs at once", consumer, RedisKeys.FIFO_STREAM,
                config.fifoConcurrency());
        createGroup().subscribe().with(ignored -> pump(), this::retryLater);
    }

    public synchronized int running() {
        return running;
    }

    /** Graceful stop: take no more jobs and give the running ones until {@code deadline} (nanoTime) to finish. */
    public void drain(long deadline) {
        stopped = true;
        synchronized (this) {
            while (running > 0 && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (running > 0) {
                Log.warnf("Stopping with %d FIFO job(s) still running; they stay pending in Redis", running);
            }
        }
    }

    /**
     * Takes over the pending FIFO entries of a dead executor and runs them (a job that had started follows the
     * interrupted-jobs policy), then forgets that consumer.
     */
    public Uni<Void> reclaimFrom(String deadConsumer) {
        return streams.xpending(RedisKeys.FIFO_STREAM, RedisKeys.EXECUTOR_GROUP, StreamRange.of("-", "+"), 1000,
                        new XPendingArgs().consumer(deadConsumer))
                .chain(pending -> pending.isEmpty() ? Uni.createFrom().item(List.<StreamMessage<String, String, String>>of())
                        : streams.xclaim(RedisKeys.FIFO_STREAM, RedisKeys.EXECUTOR_GROUP, consumer, Duration.ZERO,
                        pending.stream().map(p -> p.getMessageId()).toArray(String[]::new)))
                .chain(claimed -> {
                    if (!claimed.isEmpty()) {
                        Log.infof("Took over %d FIFO job(s) of dead executor %s", claimed.size(), deadConsumer);
                    }
                    return Multi.createFrom().iterable(claimed)
                            .onItem().transformToUniAndConcatenate(entry -> runner.run(entry(entry, true),
                                    sessions))
                            .collect().last();
                })
                .chain(() -> streams.xgroupDelConsumer(RedisKeys.FIFO_STREAM, RedisKeys.EXECUTOR_GROUP, deadConsumer))
                .replaceWithVoid();
    }

    private Uni<Void> createGroup() {
        return StreamGroups.ensure(streams, RedisKeys.FIFO_STREAM);
    }

    private void pump() {
        int free;
        synchronized (this) {
            free = config.fifoConcurrency() - running;
            if (stopped || reading || free <= 0) {
                return;
            }
            reading = true;
        }
        streams.xreadgroup(RedisKeys.EXECUTOR_GROUP, consumer, RedisKeys.FIFO_STREAM, ">",
                        new XReadGroupArgs().count(free).block(config.readBlock()))
                .subscribe().with(this::started, this::retryLater);
    }

    private void started(List<StreamMessage<String, String, String>> entries) {
        synchronized (this) {
            reading = false;
            running += entries.size();
        }
        for (StreamMessage<String, String, String> entry : entries) {
            runner.run(entry(entry, false), sessions).subscribe().with(ignored -> finished(), failure -> {
                Log.errorf(failure, "Could not record the end of job %s; it stays pending in Redis",
                        entry.payload().get(RedisKeys.STREAM_JOB_FIELD));
                finished();
            });
        }
        pump();
    }

    private static JobEntry entry(StreamMessage<String, String, String> message, boolean reclaimed) {
        return new JobEntry(RedisKeys.FIFO_STREAM, message.id(), message.payload().get(RedisKeys.STREAM_JOB_FIELD),
                null, reclaimed);
    }

    private void finished() {
        synchronized (this) {
            running--;
            notifyAll();
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
        Log.warnf("Reading %s failed (%s); retrying in %s", RedisKeys.FIFO_STREAM, failure.getMessage(),
                RETRY_AFTER_FAILURE);
        Uni.createFrom().voidItem().onItem().delayIt().by(RETRY_AFTER_FAILURE)
                .chain(this::createGroup)
                .subscribe().with(ignored -> pump(), this::retryLater);
    }
}
