package dev.netpilot.executor.job;

import dev.netpilot.credential.Credentials;
import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.driver.DriverException;
import dev.netpilot.executor.session.SessionSlots;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.job.ExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a job does on its device: get a session and hand it the job ({@link dev.netpilot.driver.DeviceSession#run}).
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

    public DeviceWork(DeviceDrivers drivers, Credentials credentials, SessionSlots slots) {
        this.drivers = drivers;
        this.credentials = credentials;
        this.slots = slots;
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
            options = CommandOptions.fromDriverArgs(request.driverArgs());
            sessionLimit = slots.limitFor(connectionArgs);
        } catch (DriverException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<String> lines = request.payload() == null ? List.of() : request.payload().lines();
        long started = System.nanoTime();
        return sessions.acquire(driver, spec, sessionLimit).handle((leased, failure) -> {
            if (failure != null) {
                return CompletableFuture.completedFuture(List.of(DriverException.entryFor(String.join("\n", lines),
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
            DeviceJob job = new DeviceJob(jobId, spec, lines, request.pushesConfig(),
                    Boolean.TRUE.equals(request.enableMode()), Boolean.TRUE.equals(request.save()),
                    Boolean.TRUE.equals(request.dryRun()), options, request.driverArgs(), request.fileTransfer(), null);
            return leased.session().run(job)
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
