package dev.netpilot.driver.eapi;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.DriverException.DeviceConnectionException;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.driver.DriverException.PrivilegeException;
import dev.netpilot.job.CommandResult;
import io.vertx.core.http.HttpClientRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An eAPI "session": the shared HTTP client and one device's address. Every call is one {@code runCmds} request, so
 * privilege is per request: {@code enable} (with the secret as its input) goes first in each request that needs it.
 * Result entries have NetPulse's shape: commands give one entry each whose {@code stdout} is pyeapi's
 * {@code {"command", "result", "encoding"}} object; a config push gives one entry for all its lines.
 */
final class EapiSession implements DeviceSession {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final EapiTarget target;
    private final EapiClient client;
    private volatile boolean open = true;
    /** The request under way, cut by {@link #close()}. */
    private volatile HttpClientRequest current;
    /** {@link #enable()} was called: later {@link #send} requests start with enable. */
    private volatile boolean enabled;

    EapiSession(EapiTarget target, EapiClient client) {
        this.target = target;
        this.client = client;
    }

    @Override
    public CompletionStage<List<CommandResult>> run(DeviceJob job) {
        String encoding;
        try {
            encoding = encoding(job.driverArgs());
            if (job.config() && job.dryRun()) {
                throw new InvalidArgumentException("dry_run is not supported by the pyeapi driver: EOS applies each "
                        + "config line at once; remove dry_run");
            }
        } catch (InvalidArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (job.config()) {
            return configure(job.lines(), job.save(), encoding).thenApply(List::of);
        }
        List<CommandResult> results = new ArrayList<>(job.lines().size());
        return commands(job.lines(), 0, encoding, job.enable(), results).thenApply(done -> results);
    }

    @Override
    public CompletionStage<CommandResult> send(String command, CommandOptions options) {
        List<CommandResult> results = new ArrayList<>(1);
        return commands(List.of(command), 0, "json", enabled, results).thenApply(done -> results.get(0));
    }

    /** Checks the secret with an {@code enable} request; later {@link #send} requests start with enable. */
    @Override
    public CompletionStage<Void> enable() {
        return call(new ArrayList<>(List.of(enableCommand())), "json").thenAccept(reply -> {
            if (reply.failed()) {
                throw new PrivilegeException("enable failed on " + target.address() + ": " + reply.describe()
                        + "; check connection_args.secret");
            }
            enabled = true;
        });
    }

    @Override
    public CompletionStage<List<CommandResult>> sendConfig(List<String> lines, CommandOptions options, boolean save) {
        return configure(lines, save, "json").thenApply(List::of);
    }

    /** A cheap request that the device must answer: {@code show version}. */
    @Override
    public CompletionStage<Void> probe(Duration timeout) {
        return call(new ArrayList<>(List.of("show version")), "json").thenAccept(reply -> {
            if (reply.failed()) {
                throw new DeviceConnectionException("eAPI on " + target.address() + " did not run show version: "
                        + reply.describe(), null);
            }
        });
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Cuts the request under way, if any; the shared client and its connections stay for other sessions. */
    @Override
    public CompletionStage<Void> close() {
        open = false;
        HttpClientRequest request = current;
        if (request != null) {
            request.reset();
        }
        return DONE;
    }

    // ---- commands

    /**
     * Runs {@code lines} from {@code from} in one request, adding an entry per command to {@code results}. A command
     * without a JSON form (eAPI 1003) is run again as text, as pyeapi does, and the rest continue as JSON. At the
     * first command the device rejects, or when the device cannot be reached, the commands after it are skipped.
     */
    private CompletionStage<Void> commands(List<String> lines, int from, String encoding, boolean enable,
                                           List<CommandResult> results) {
        if (from == lines.size()) {
            return DONE;
        }
        List<String> batch = lines.subList(from, lines.size());
        List<Object> cmds = new ArrayList<>(batch.size() + 1);
        if (enable) {
            cmds.add(enableCommand());
        }
        cmds.addAll(batch);
        int offset = enable ? 1 : 0;
        long started = System.nanoTime();
        return call(cmds, encoding).handle((reply, failure) -> {
            if (failure != null) {
                Throwable cause = DriverException.unwrap(failure);
                if (cause instanceof InvalidArgumentException invalid) {
                    throw invalid;
                }
                results.add(DriverException.entryFor(batch.get(0), target.host(), started, cause));
                skip(lines, from + 1, batch.get(0), results);
                return DONE;
            }
            int ran = reply.failed() ? reply.failedIndex() - offset : batch.size(); // commands of batch that succeeded
            Map<String, Object> metadata = timing(started, Math.max(1, Math.min(batch.size(), ran + 1)));
            for (int i = 0; i < ran; i++) {
                results.add(entry(batch.get(i), output(batch.get(i), reply.data().get(offset + i), encoding), "",
                        metadata));
            }
            if (!reply.failed()) {
                return DONE;
            }
            if (ran < 0) { // enable itself failed: nothing ran
                results.add(CommandResult.error(batch.get(0), "", reply.describe()
                        + " (enable: check connection_args.secret)", metadata));
                skip(lines, from + 1, batch.get(0), results);
                return DONE;
            }
            String failed = batch.get(ran);
            if (reply.code() == EapiReply.UNCONVERTED && encoding.equals("json")) {
                return commands(List.of(failed), 0, "text", enable, results)
                        .thenCompose(done -> commands(lines, from + ran + 1, encoding, enable, results));
            }
            Object output = reply.data().get(offset + ran).get("output");
            results.add(CommandResult.error(failed, output == null ? "" : output.toString(), reply.describe(),
                    metadata));
            skip(lines, from + ran + 1, failed, results);
            return DONE;
        }).thenCompose(next -> next);
    }

    private void skip(List<String> lines, int from, String failed, List<CommandResult> results) {
        for (String skipped : lines.subList(Math.min(from, lines.size()), lines.size())) {
            results.add(CommandResult.error(skipped, "", "Skipped due to exception in execution of '" + failed + "'",
                    timing(System.nanoTime(), 1)));
        }
    }

    /** An entry whose stdout is structured; a non-empty {@code stderr} makes it a failure ({@code exit_status} 1). */
    private static CommandResult entry(String command, Object stdout, String stderr, Map<String, Object> metadata) {
        return new CommandResult(command, stdout, stderr, stderr.isEmpty() ? 0 : 1, null, metadata, null);
    }

    /** pyeapi's per-command result object: what NetPulse returns as {@code stdout}. */
    private static Map<String, Object> output(String command, Map<String, Object> result, String encoding) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("command", command);
        output.put("result", result);
        output.put("encoding", encoding);
        return output;
    }

    // ---- config

    /**
     * Pushes the lines in one request: enable, {@code configure}, the lines, and {@code end} plus
     * {@code write memory} when saving. One entry for all lines: {@code stdout} is the list of the lines' results
     * (and the save's), as pyeapi's {@code config()} returns it. EOS applies each line at once and stops at the first
     * it rejects; the entry then names that line and the lines that were not applied.
     */
    private CompletionStage<CommandResult> configure(List<String> lines, boolean save, String encoding) {
        String command = String.join("\n", lines);
        List<Object> cmds = new ArrayList<>(lines.size() + 4);
        cmds.add(enableCommand());
        cmds.add("configure");
        cmds.addAll(lines);
        if (save) {
            cmds.add("end");
            cmds.add("write memory");
        }
        int offset = 2;
        long started = System.nanoTime();
        return call(cmds, encoding).handle((reply, failure) -> {
            if (failure != null) {
                return DriverException.entryFor(command, target.host(), started, failure);
            }
            Map<String, Object> metadata = timing(started, 1);
            List<Object> applied = new ArrayList<>();
            int ran = reply.failed() ? reply.failedIndex() : reply.data().size();
            for (int i = offset; i < ran && i < offset + lines.size(); i++) {
                applied.add(reply.data().get(i));
            }
            if (save && !reply.failed()) {
                applied.add(reply.data().get(reply.data().size() - 1));
            }
            if (!reply.failed()) {
                return entry(command, applied, "", metadata);
            }
            int line = reply.failedIndex() - offset;
            String why = reply.describe();
            if (line < 0) {
                why += reply.failedIndex() == 0 ? " (enable: check connection_args.secret)" : "";
            } else if (line < lines.size()) {
                List<String> notApplied = lines.subList(line + 1, lines.size());
                why += "; line '" + lines.get(line) + "' was rejected"
                        + (notApplied.isEmpty() ? "" : " and these were not applied: " + String.join(" | ", notApplied));
            } else {
                why += "; every line was applied but saving failed";
            }
            return entry(command, applied, why, metadata);
        });
    }

    // ---- plumbing

    private Object enableCommand() {
        return target.secret() == null ? "enable" : Map.of("cmd", "enable", "input", target.secret());
    }

    private CompletionStage<EapiReply> call(List<Object> cmds, String encoding) {
        if (!open) {
            return CompletableFuture.failedFuture(new DeviceConnectionException("the eAPI session to "
                    + target.address() + " was closed", null));
        }
        return client.runCmds(target, cmds, encoding, request -> current = request)
                .whenComplete((reply, failure) -> current = null);
    }

    /** host and the request's duration shared out over the {@code commands} it ran, as NetPulse reports it. */
    private Map<String, Object> timing(long startedNanos, int commands) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("host", target.host());
        metadata.put("duration_seconds", Math.round((System.nanoTime() - startedNanos) / 1e6 / commands) / 1000.0);
        return metadata;
    }

    private static String encoding(Map<String, Object> driverArgs) {
        Object value = driverArgs.get("encoding");
        if (value == null || value.equals("json")) {
            return "json";
        }
        if (value.equals("text")) {
            return "text";
        }
        throw new InvalidArgumentException("driver_args.encoding must be 'json' (the default) or 'text', got '"
                + value + "'");
    }
}
