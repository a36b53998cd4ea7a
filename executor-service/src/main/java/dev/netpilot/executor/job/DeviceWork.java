package dev.netpilot.executor.job;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.executor.session.SessionSlots;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.ExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * What a job does on its device: get a session, escalate when asked, run the commands or push the config.
 * Connection and device errors become result entries with {@code exit_status} 1 (the job still finishes);
 * invalid arguments fail the stage with {@link DriverException.InvalidArgumentException}. When {@code abort}
 * completes (timeout, cancellation) the session is closed, which stops the command at once.
 */
@ApplicationScoped
public class DeviceWork {

    private final DeviceDrivers drivers = new DeviceDrivers();
    private final SessionSlots slots;

    public DeviceWork(SessionSlots slots) {
        this.slots = slots;
    }

    public CompletionStage<List<CommandResult>> run(ExecutionRequest request, SessionSource sessions,
                                                   CompletableFuture<String> abort) {
        DeviceDriver driver;
        ConnectionSpec spec;
        CommandOptions options;
        int sessionLimit;
        try {
            driver = drivers.byName(request.driver().wire());
            spec = ConnectionSpec.from(request.connectionArgs());
            options = CommandOptions.fromDriverArgs(request.driverArgs());
            sessionLimit = slots.limitFor(request.connectionArgs());
        } catch (DriverException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<String> lines = request.payload() == null ? List.of() : request.payload().lines();
        long started = System.nanoTime();
        return sessions.acquire(driver, spec, sessionLimit).handle((leased, failure) -> {
            if (failure != null) {
                return CompletableFuture.completedFuture(List.of(errorEntry(String.join("\n", lines), spec, started,
                        unwrap(failure))));
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
            return onSession(leased.session(), request, lines, options, spec, broken)
                    .thenApply(results -> withReuse(results, leased.reused()))
                    .whenComplete((results, error) -> {
                        synchronized (done) {
                            done[0] = true;
                        }
                        sessions.release(leased.session(), broken[0] || error != null || !leased.session().isOpen());
                    });
        }).thenCompose(stage -> stage);
    }

    private static CompletionStage<List<CommandResult>> onSession(DeviceSession session, ExecutionRequest request,
                                                                 List<String> lines, CommandOptions options,
                                                                 ConnectionSpec spec, boolean[] broken) {
        long started = System.nanoTime();
        CompletionStage<Void> ready = Boolean.TRUE.equals(request.enableMode())
                ? session.enable() : CompletableFuture.completedFuture(null);
        if (request.pushesConfig()) {
            return ready.thenCompose(ignored -> session.sendConfig(lines, options, Boolean.TRUE.equals(request.save())))
                    .exceptionally(failure -> {
                        // a refused argument leaves the session as it was; anything else may have left it mid-way
                        broken[0] = !(unwrap(failure) instanceof DriverException.InvalidArgumentException);
                        return List.of(errorEntry(String.join("\n", lines), spec, started, unwrap(failure)));
                    });
        }
        List<CommandResult> results = new ArrayList<>(lines.size());
        CompletableFuture<Void> chain = ready.toCompletableFuture();
        for (String line : lines) {
            chain = chain.thenCompose(ignored -> session.send(line, options)).thenAccept(results::add);
        }
        return chain.handle((ignored, failure) -> {
            if (failure == null) {
                return results;
            }
            // The session is in an unknown state after a timeout or a drop: never reuse it.
            broken[0] = true;
            int failedAt = results.size();
            results.add(errorEntry(failedAt < lines.size() ? lines.get(failedAt) : "enable", spec, started,
                    unwrap(failure)));
            for (String skipped : lines.subList(Math.min(failedAt + 1, lines.size()), lines.size())) {
                results.add(CommandResult.error(skipped, "", "Skipped due to exception in execution of '"
                        + lines.get(failedAt) + "'", metadata(spec, System.nanoTime())));
            }
            return results;
        });
    }

    /** Driver failures become an entry; anything else (invalid arguments, bugs) fails the job. */
    private static CommandResult errorEntry(String command, ConnectionSpec spec, long startedNanos, Throwable cause) {
        if (cause instanceof DriverException.InvalidArgumentException invalid) {
            throw invalid;
        }
        if (!(cause instanceof DriverException)) {
            throw new CompletionException(cause);
        }
        return CommandResult.error(command, "", cause.getMessage(), metadata(spec, startedNanos));
    }

    private static Map<String, Object> metadata(ConnectionSpec spec, long startedNanos) {
        return CommandResult.timing(spec.host(), startedNanos);
    }

    private static List<CommandResult> withReuse(List<CommandResult> results, boolean reused) {
        return results.stream().map(entry -> entry.withMetadata("session_reused", reused)).toList();
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
