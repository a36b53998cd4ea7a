package dev.netpilot.executor.job;

import dev.netpilot.credential.CredentialException;
import dev.netpilot.driver.DriverException;
import dev.netpilot.executor.ExecutorConfig;
import dev.netpilot.executor.WorkerName;
import dev.netpilot.executor.files.FilesConfig;
import dev.netpilot.executor.parsing.ResultParsing;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobError;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobResult;
import dev.netpilot.job.JobStatus;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one job taken from a stream: checks it may run here, marks it started, does the device work within the
 * execution timeout, writes the result and acknowledges the entry. Device errors finish the job with
 * {@code exit_status} 1 entries; invalid arguments, timeouts and bugs fail it with a {@code result.error} that
 * says why; a cancellation stops the command and records {@code cancelled}.
 */
@ApplicationScoped
public class JobRunner {

    /** A stream entry to run; {@code laneId} is null for FIFO jobs; {@code reclaimed} after a failover. */
    public record JobEntry(String stream, String entryId, String jobId, String laneId, boolean reclaimed) {
    }

    public enum Outcome {
        /** The entry is dealt with (run, or dropped because its job is gone or over). */
        DONE,
        /** This node no longer owns the job's lane: the entry was left for the new owner. */
        NOT_OWNER
    }

    private static final String TIMEOUT = "timeout";
    private static final String CANCELLED = "cancelled";

    private final JobRecords records;
    private final DeviceWork work;
    private final ExecutorConfig config;
    private final WorkerName worker;
    private final Vertx vertx;
    private final ReactiveRedisDataSource redis;
    private final ResultParsing parsing;
    private final FilesConfig filesConfig;
    private final JobEndHooks endHooks;
    private final Map<String, CompletableFuture<String>> running = new ConcurrentHashMap<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Cancellable cancellations;

    public JobRunner(JobRecords records, DeviceWork work, ExecutorConfig config, WorkerName worker, Vertx vertx,
                     ReactiveRedisDataSource redis, ResultParsing parsing, FilesConfig filesConfig,
                     JobEndHooks endHooks) {
        this.filesConfig = filesConfig;
        this.records = records;
        this.work = work;
        this.config = config;
        this.worker = worker;
        this.vertx = vertx;
        this.redis = redis;
        this.parsing = parsing;
        this.endHooks = endHooks;
    }

    void listenForCancellations(@Observes StartupEvent event) {
        cancellations = redis.pubsub(String.class).subscribe(RedisKeys.JOB_CANCEL_CHANNEL).subscribe().with(jobId -> {
            CompletableFuture<String> abort = running.get(jobId);
            if (abort != null) {
                Log.infof("Cancelling running job %s", jobId);
                abort.complete(CANCELLED);
            }
        }, failure -> Log.errorf(failure, "Lost the subscription to %s", RedisKeys.JOB_CANCEL_CHANNEL));
    }

    void stopListening(@Observes ShutdownEvent event) {
        if (cancellations != null) {
            cancellations.cancel();
        }
    }

    public long succeeded() {
        return succeeded.get();
    }

    public long failed() {
        return failed.get();
    }

    public Uni<Outcome> run(JobEntry entry, SessionSource sessions) {
        return records.load(entry.jobId(), entry.laneId()).chain(loaded -> run(entry, loaded, sessions));
    }

    /** Runs an entry whose job was loaded with it ({@code loaded} null: the job is gone). */
    public Uni<Outcome> run(JobEntry entry, JobRecords.Loaded loaded, SessionSource sessions) {
        if (loaded == null || loaded.job().status().isTerminal()) {
            return records.discard(entry.stream(), entry.entryId()).replaceWith(Outcome.DONE);
        }
        if (entry.laneId() != null && !worker.value().equals(loaded.laneOwner())) {
            return Uni.createFrom().item(Outcome.NOT_OWNER);
        }
        return start(entry, loaded, sessions).replaceWith(Outcome.DONE);
    }

    private Uni<Void> start(JobEntry entry, JobRecords.Loaded loaded, SessionSource sessions) {
        Job job = loaded.job();
        ExecutionRequest request;
        try {
            request = JobJson.read(loaded.requestJson(), ExecutionRequest.class);
        } catch (RuntimeException e) {
            return end(entry, loaded, null, job.started(worker.value(), Instant.now()), config.defaultResultTtl(),
                    JobStatus.FAILED, JobResult.failed("InvalidStoredRequest", "the executor could not read the job's request: "
                            + e.getMessage()));
        }
        int executionTimeout = request.executionTimeout() != null ? request.executionTimeout()
                : request.fileTransfer() != null ? filesConfig.defaultExecutionTimeout()
                : config.defaultExecutionTimeout();
        int resultTtl = request.resultTtl() != null ? request.resultTtl() : config.defaultResultTtl();
        boolean rerun = entry.reclaimed() && job.status() == JobStatus.STARTED;
        if (rerun && !config.rerunInterruptedJobs()) {
            return end(entry, loaded, request, job, resultTtl, JobStatus.FAILED, JobResult.failed("Interrupted",
                    "the executor " + job.worker() + " stopped while running this job; it was not run again "
                            + "because it may have partly run (set np.executor.rerun-interrupted-jobs=true to re-run)"));
        }
        Job started = job.started(worker.value(), Instant.now());
        CompletableFuture<String> abort = new CompletableFuture<>();
        running.put(job.id(), abort);
        long timer = vertx.setTimer(executionTimeout * 1000L, id -> abort.complete(TIMEOUT));
        // The command goes to the device first; the start is recorded while the device works (one round trip
        // less on every job, and none of its cost before the command leaves). The end is written only after the
        // start, so that the two writes can never land in the wrong order.
        CompletionStage<List<CommandResult>> working = startWork(job.id(), request, sessions, abort);
        CompletableFuture<Void> recordedStart = records.started(started, executionTimeout, resultTtl)
                .subscribeAsCompletionStage();
        return Uni.createFrom().completionStage(working)
                .map(results -> outcome(parsing.apply(request, rerun ? markRerun(results) : results), abort,
                        executionTimeout))
                .onFailure().recoverWithItem(failure -> failure(job.id(), failure, abort, executionTimeout))
                .eventually(() -> {
                    vertx.cancelTimer(timer);
                    running.remove(job.id());
                })
                .chain(result -> Uni.createFrom().completionStage(recordedStart).onFailure().recoverWithNull()
                        .chain(() -> end(entry, loaded, request, started, resultTtl, status(result), result)));
    }

    private CompletionStage<List<CommandResult>> startWork(String jobId, ExecutionRequest request,
                                                          SessionSource sessions, CompletableFuture<String> abort) {
        try {
            return work.run(jobId, request, sessions, abort);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Records the end with its audit entry and webhook delivery; the webhook's first attempt follows the write. */
    private Uni<Void> end(JobEntry entry, JobRecords.Loaded loaded, ExecutionRequest request, Job job, int resultTtl,
                          JobStatus status, JobResult result) {
        (status == JobStatus.FINISHED ? succeeded : failed).incrementAndGet();
        return endHooks.record(job.ended(status, result, Instant.now()), request, loaded.submittedBy(), resultTtl,
                entry.stream(), entry.entryId());
    }

    private static JobStatus status(JobResult result) {
        return switch (result.type()) {
            case JobResult.SUCCESSFUL -> JobStatus.FINISHED;
            case JobResult.STOPPED -> JobStatus.CANCELLED;
            default -> JobStatus.FAILED;
        };
    }

    private static JobResult outcome(List<CommandResult> results, CompletableFuture<String> abort, int timeout) {
        String reason = abort.getNow(null);
        if (CANCELLED.equals(reason)) {
            return new JobResult(JobResult.STOPPED, results, new JobError("Cancelled",
                    "the job was cancelled while running; the command was stopped and the session closed"));
        }
        if (TIMEOUT.equals(reason)) {
            return timedOut(timeout);
        }
        return JobResult.successful(results);
    }

    private static JobResult failure(String jobId, Throwable failure, CompletableFuture<String> abort, int timeout) {
        if (TIMEOUT.equals(abort.getNow(null))) {
            return timedOut(timeout);
        }
        Throwable cause = DriverException.unwrap(failure);
        if (!(cause instanceof DriverException || cause instanceof CredentialException)) {
            Log.errorf(cause, "Job %s failed unexpectedly", jobId);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return JobResult.failed(cause.getClass().getSimpleName(), message);
    }

    private static JobResult timedOut(int timeout) {
        return JobResult.failed("JobTimeoutException", "the job did not finish within its execution_timeout of "
                + timeout + " s; the command was stopped and the session closed");
    }

    private static List<CommandResult> markRerun(List<CommandResult> results) {
        return results.stream().map(entry -> entry.withMetadata("rerun", true)).toList();
    }
}
