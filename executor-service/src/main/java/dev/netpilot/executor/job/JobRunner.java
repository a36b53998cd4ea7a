package dev.netpilot.executor.job;

import dev.netpilot.driver.DriverException;
import dev.netpilot.executor.ExecutorConfig;
import dev.netpilot.executor.WorkerName;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobResult;
import dev.netpilot.job.JobStatus;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Runs one job taken from a stream: marks it started, does the device work within the execution timeout,
 * writes the result and acknowledges the entry. Device errors finish the job with {@code exit_status} 1
 * entries; invalid arguments, timeouts and bugs fail it with a {@code result.error} that says why.
 */
@ApplicationScoped
public class JobRunner {

    private final JobRecords records;
    private final DeviceWork work;
    private final ExecutorConfig config;
    private final WorkerName worker;

    public JobRunner(JobRecords records, DeviceWork work, ExecutorConfig config, WorkerName worker) {
        this.records = records;
        this.work = work;
        this.config = config;
        this.worker = worker;
    }

    public Uni<Void> run(String stream, String entryId, String jobId) {
        return records.load(jobId).chain(loaded -> {
            if (loaded == null || loaded.job().status().isTerminal()) {
                return records.discard(stream, entryId);
            }
            ExecutionRequest request;
            try {
                request = JobJson.read(loaded.requestJson(), ExecutionRequest.class);
            } catch (RuntimeException e) {
                Job failed = loaded.job().started(worker.value(), Instant.now()).ended(JobStatus.FAILED,
                        JobResult.failed("InvalidStoredRequest", "the executor could not read the job's request: "
                                + e.getMessage()), Instant.now());
                return records.ended(failed, config.defaultResultTtl(), stream, entryId);
            }
            int executionTimeout = request.executionTimeout() != null
                    ? request.executionTimeout() : config.defaultExecutionTimeout();
            int resultTtl = request.resultTtl() != null ? request.resultTtl() : config.defaultResultTtl();
            Job started = loaded.job().started(worker.value(), Instant.now());
            return records.started(started, executionTimeout, resultTtl)
                    .chain(() -> Uni.createFrom().completionStage(() -> work.run(request)))
                    .ifNoItem().after(Duration.ofSeconds(executionTimeout)).failWith(() -> new JobTimeoutException(
                            "the job did not finish within its execution_timeout of " + executionTimeout + " s"))
                    .map(results -> started.ended(JobStatus.FINISHED, JobResult.successful(freshSession(results)),
                            Instant.now()))
                    .onFailure().recoverWithItem(failure -> started.ended(JobStatus.FAILED, failed(jobId, failure),
                            Instant.now()))
                    .chain(ended -> records.ended(ended, resultTtl, stream, entryId));
        });
    }

    /** Every FIFO job logs in anew: say so in each entry. */
    private static List<CommandResult> freshSession(List<CommandResult> results) {
        return results.stream().map(entry -> {
            Map<String, Object> metadata = new LinkedHashMap<>(entry.metadata());
            metadata.put("session_reused", false);
            return new CommandResult(entry.command(), entry.stdout(), entry.stderr(), entry.exitStatus(),
                    entry.downloadUrl(), metadata, entry.parsed());
        }).toList();
    }

    private static JobResult failed(String jobId, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (!(cause instanceof DriverException) && !(cause instanceof JobTimeoutException)) {
            Log.errorf(cause, "Job %s failed unexpectedly", jobId);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return JobResult.failed(cause.getClass().getSimpleName(), message);
    }

    /** The job ran longer than its {@code execution_timeout}. */
    public static final class JobTimeoutException extends RuntimeException {
        JobTimeoutException(String message) {
            super(message);
        }
    }
}
