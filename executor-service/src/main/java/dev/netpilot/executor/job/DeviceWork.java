package dev.netpilot.executor.job;

import dev.netpilot.credential.Credentials;
import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.sftp.FileTransfers;
import dev.netpilot.driver.ssh.SshBacked;
import dev.netpilot.executor.ExecutorConfig;
import dev.netpilot.executor.files.JobFiles;
import dev.netpilot.executor.session.SessionSlots;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.DriverName;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.job.ExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What a job does on its device: get a session and hand it the job ({@link DeviceSession#run}), or, for a
 * {@code file_transfer}, run the transfer on the session's SSH login with its files staged and published by
 * {@link JobFiles}.
 * Connection and device errors become result entries with {@code exit_status} 1 (the job still finishes);
 * invalid arguments fail the stage with {@link DriverException.InvalidArgumentException}. When {@code abort}
 * completes (timeout, cancellation) the session is closed, which stops the command at once. A request's
 * {@code credential} is resolved first, here on the executor: the secret's values fill the login fields in memory
 * only (never the job record, results or logs); a credential that cannot be resolved fails the job.
 */
@ApplicationScoped
public class DeviceWork {

    private final DeviceDrivers drivers;
    private final Credentials credentials;
    private final SessionSlots slots;
    private final JobFiles files;
    private final ExecutorConfig config;

    public DeviceWork(DeviceDrivers drivers, Credentials credentials, SessionSlots slots, JobFiles files,
                      ExecutorConfig config) {
        this.drivers = drivers;
        this.credentials = credentials;
        this.slots = slots;
        this.files = files;
        this.config = config;
    }

    public CompletionStage<List<CommandResult>> run(String jobId, ExecutionRequest request, SessionSource sessions,
                                                   CompletableFuture<String> abort) {
        if (request.credential() == null) {
            return run(jobId, request, request.connectionArgs(), sessions, abort);
        }
        CompletionStage<Map<String, Object>> login;
        try {
            login = credentials.apply(CredentialRef.from(request.credential()), request.connectionArgs());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return login.thenCompose(connectionArgs -> run(jobId, request, connectionArgs, sessions, abort));
    }

    private CompletionStage<List<CommandResult>> run(String jobId, ExecutionRequest request,
                                                     Map<String, Object> connectionArgs, SessionSource sessions,
                                                     CompletableFuture<String> abort) {
        DeviceDriver driver;
        ConnectionSpec spec;
        CommandOptions options;
        int sessionLimit;
        try {
            driver = drivers.byName(request.driver().wire());
            spec = ConnectionSpec.from(connectionArgs);
            // paramiko reads its own driver_args (its expect_map keys are plain text, not regular expressions)
            options = DriverName.PARAMIKO.equals(request.driver()) ? CommandOptions.defaults()
                    : CommandOptions.fromDriverArgs(request.driverArgs());
            sessionLimit = slots.limitFor(connectionArgs);
        } catch (DriverException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<String> lines = request.payload() == null ? List.of() : request.payload().lines();
        if (request.fileTransfer() == null) {
            DeviceJob job = new DeviceJob(jobId, spec, lines, request.pushesConfig(),
                    Boolean.TRUE.equals(request.enableMode()), Boolean.TRUE.equals(request.save()),
                    Boolean.TRUE.equals(request.dryRun()), options, request.driverArgs(), null, null,
                    Boolean.TRUE.equals(request.detach()));
            return onSession(driver, spec, sessionLimit, String.join("\n", lines), sessions, abort,
                    session -> session.run(job));
        }
        int resultTtl = request.resultTtl() != null ? request.resultTtl() : config.defaultResultTtl();
        String label = "file_transfer_" + request.fileTransfer().get("operation");
        return files.prepare(jobId, request.fileTransfer()).subscribeAsCompletionStage().thenCompose(prepared -> {
            DeviceJob job = new DeviceJob(jobId, spec, lines, false, Boolean.TRUE.equals(request.enableMode()),
                    false, false, options, request.driverArgs(), prepared.fileTransfer(), prepared.stagedFile());
            return onSession(driver, spec, sessionLimit, label, sessions, abort, session -> transfer(driver, session, job))
                    .thenCompose(results -> files.publish(jobId, prepared, results, resultTtl)
                            .subscribeAsCompletionStage())
                    .handle((results, failure) -> files.cleanup(prepared).subscribeAsCompletionStage()
                            .thenApply(cleaned -> {
                                if (failure != null) {
                                    throw new CompletionException(DriverException.unwrap(failure));
                                }
                                return results;
                            }))
                    .thenCompose(stage -> stage);
        });
    }

    /** A file transfer runs over the session's SSH login; sessions without one cannot transfer files. */
    private static CompletionStage<List<CommandResult>> transfer(DeviceDriver driver, DeviceSession session,
                                                                 DeviceJob job) {
        if (!(session instanceof SshBacked ssh)) {
            return CompletableFuture.failedFuture(new DriverException.InvalidArgumentException("file_transfer needs "
                    + "a driver that logs in over SSH (netmiko or paramiko); the " + driver.name()
                    + " driver cannot transfer files"));
        }
        return FileTransfers.run(ssh, job);
    }

    /**
     * Gets a session, does {@code work} on it and gives it back. A failure to log in becomes an entry named
     * {@code failureLabel}; an abort (timeout, cancel) while the work runs closes the session.
     */
    private CompletionStage<List<CommandResult>> onSession(DeviceDriver driver, ConnectionSpec spec, int sessionLimit,
                                                           String failureLabel, SessionSource sessions,
                                                           CompletableFuture<String> abort,
                                                           Function<DeviceSession, CompletionStage<List<CommandResult>>> work) {
        long started = System.nanoTime();
        return sessions.acquire(driver, spec, sessionLimit).handle((leased, failure) -> {
            if (failure != null) {
                return CompletableFuture.completedFuture(List.of(DriverException.entryFor(failureLabel,
                        spec.host(), started, failure)));
            }
            boolean[] done = {false};
            boolean[] broken = {false};
            abort.whenComplete((reason, ignored) -> {
                synchronized (done) {
                    if (!done[0]) { // a late abort must not close a kept session that serves the next job
                        broken[0] = true;
                        leased.session().close();
                    }
                }
            });
            return work.apply(leased.session())
                    .thenApply(results -> withReuse(results, leased.reused()))
                    .whenComplete((results, error) -> {
                        synchronized (done) {
                            done[0] = true;
                        }
                        sessions.release(leased.session(), broken[0] || error != null || !leased.session().isOpen());
                    });
        }).thenCompose(stage -> stage);
    }

    private static List<CommandResult> withReuse(List<CommandResult> results, boolean reused) {
        return results.stream().map(entry -> entry.withMetadata("session_reused", reused)).toList();
    }
}
