package dev.netpilot.executor.job;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.ExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a job does on its device: log in, escalate when asked, run the commands or push the config, log out.
 * Connection and device errors become result entries with {@code exit_status} 1 (the job still finishes);
 * invalid arguments fail the stage with {@link DriverException.InvalidArgumentException}.
 */
@ApplicationScoped
public class DeviceWork {

    private final DeviceDrivers drivers = new DeviceDrivers();

    public CompletionStage<List<CommandResult>> run(ExecutionRequest request) {
        DeviceDriver driver;
        ConnectionSpec spec;
        CommandOptions options;
        try {
            driver = drivers.byName(request.driver().wire());
            spec = ConnectionSpec.from(request.connectionArgs());
            options = commandOptions(request.driverArgs());
        } catch (DriverException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<String> lines = request.payload() == null ? List.of() : request.payload().lines();
        long started = System.nanoTime();
        return driver.open(spec)
                .thenCompose(session -> onSession(session, request, lines, options)
                        .whenComplete((results, failure) -> session.close()))
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof DriverException.InvalidArgumentException invalid) {
                        throw invalid;
                    }
                    if (!(cause instanceof DriverException)) {
                        throw new java.util.concurrent.CompletionException(cause);
                    }
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("host", spec.host());
                    metadata.put("duration_seconds", Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
                    return List.of(CommandResult.error(String.join("\n", lines), "", cause.getMessage(), metadata));
                });
    }

    private static CompletionStage<List<CommandResult>> onSession(DeviceSession session, ExecutionRequest request,
                                                                 List<String> lines, CommandOptions options) {
        CompletionStage<Void> ready = Boolean.TRUE.equals(request.enableMode())
                ? session.enable() : CompletableFuture.completedFuture(null);
        if (request.pushesConfig()) {
            return ready.thenCompose(ignored -> session.sendConfig(lines, options, Boolean.TRUE.equals(request.save())));
        }
        List<CommandResult> results = new ArrayList<>(lines.size());
        CompletionStage<Void> chain = ready;
        for (String line : lines) {
            chain = chain.thenCompose(ignored -> session.send(line, options)).thenAccept(results::add);
        }
        return chain.thenApply(ignored -> results);
    }

    /** {@code driver_args.read_timeout} (seconds) and {@code driver_args.expect_string} (a regex). */
    private static CommandOptions commandOptions(Map<String, Object> driverArgs) {
        if (driverArgs == null) {
            return CommandOptions.defaults();
        }
        Duration readTimeout = CommandOptions.DEFAULT_READ_TIMEOUT;
        Object timeout = driverArgs.get("read_timeout");
        if (timeout != null) {
            double seconds;
            try {
                seconds = timeout instanceof Number n ? n.doubleValue() : Double.parseDouble(timeout.toString());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (!(seconds > 0) || seconds > 86400) {
                throw new DriverException.InvalidArgumentException(
                        "driver_args.read_timeout must be a number of seconds above 0, got '" + timeout + "'");
            }
            readTimeout = Duration.ofMillis(Math.round(seconds * 1000));
        }
        Pattern expect = null;
        Object expectString = driverArgs.get("expect_string");
        if (expectString != null) {
            try {
                expect = Pattern.compile(expectString.toString());
            } catch (PatternSyntaxException e) {
                throw new DriverException.InvalidArgumentException(
                        "driver_args.expect_string is not a valid regular expression: " + e.getDescription());
            }
        }
        return new CommandOptions(readTimeout, expect);
    }
}
