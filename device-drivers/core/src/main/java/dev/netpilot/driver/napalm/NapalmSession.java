package dev.netpilot.driver.napalm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.driver.cli.CliSession;
import dev.netpilot.driver.cli.Platform;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.JobJson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A napalm session: a CLI engine session that runs config jobs as a candidate with a diff (then discard, commit or
 * confirmed commit) and commands as NAPALM getters and actions, or as plain CLI text. A config job gives one entry
 * whose {@code stdout} is the diff as the device shows it; getters give JSON in {@code stdout} and the same
 * structure in {@code parsed}. Anything the device rejects leaves it unchanged: the candidate is thrown away.
 */
final class NapalmSession implements DeviceSession {

    static final List<String> GETTERS = List.of("get_facts", "get_config", "get_interfaces");
    static final List<String> ACTIONS = List.of("confirm_commit", "rollback");
    private static final List<String> RETRIEVE = List.of("all", "running", "startup", "candidate");
    /** A NAPALM method name ({@code get_bgp_neighbors}, {@code commit_config}) rather than a CLI command. */
    private static final Pattern METHOD_NAME = Pattern.compile("[a-z]+(?:_[a-z0-9]+)+");
    /** The questions the config flows meet, all meant to be answered yes. */
    private static final Map<Pattern, String> ANSWERS = answers(
            "Do you wish to proceed\\? \\[no\\]:", // IOS XR commit replace
            "Delete everything under this level\\? \\[yes,no\\]", // Junos delete before a replace
            "Exit with uncommitted changes\\? \\[yes,no\\]"); // Junos, leaving the shared candidate after reading it
    private static final Pattern EOS_PENDING = Pattern.compile("(?m)^\\s*(\\S+)\\s+pending-commit-timer\\b");

    private final NapalmPlatform platform;
    private final CliSession cli;
    private final ConnectionSpec spec;

    NapalmSession(NapalmPlatform platform, CliSession cli, ConnectionSpec spec) {
        this.platform = platform;
        this.cli = cli;
        this.spec = spec;
    }

    @Override
    public CompletionStage<List<CommandResult>> run(DeviceJob job) {
        CommandOptions options = new CommandOptions(job.options().readTimeout(), null, ANSWERS, null, null);
        long started = System.nanoTime();
        if (job.config()) {
            ConfigArgs args;
            try {
                args = ConfigArgs.from(job.driverArgs(), platform);
            } catch (InvalidArgumentException e) {
                return CompletableFuture.failedFuture(e);
            }
            String command = String.join("\n", job.lines());
            return closeOnFailure(configure(job.lines(), args, job.dryRun(), sessionName(job.jobId()), options)
                    .thenApply(List::of), failure -> List.of(DriverException.entryFor(command, spec.host(), started,
                    failure)));
        }
        try {
            job.lines().forEach(line -> checkCommand(line, job.driverArgs()));
        } catch (InvalidArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CommandResult> results = new ArrayList<>();
        CompletableFuture<Void> chain = cli.enable().toCompletableFuture();
        for (String line : job.lines()) {
            chain = chain.thenCompose(ignored -> command(line, job.driverArgs(), options)).thenAccept(results::add);
        }
        return closeOnFailure(chain.thenApply(ignored -> results), failure -> {
            int failedAt = Math.min(results.size(), job.lines().size() - 1);
            String failedLine = job.lines().isEmpty() ? "enable" : job.lines().get(failedAt);
            results.add(DriverException.entryFor(failedLine, spec.host(), started, failure));
            for (String skipped : job.lines().subList(failedAt + 1, job.lines().size())) {
                results.add(CommandResult.error(skipped, "", "Skipped due to exception in execution of '" + failedLine
                        + "'", CommandResult.timing(spec.host(), System.nanoTime())));
            }
            return results;
        });
    }

    // ---- config: candidate, diff, then discard or commit

    /**
     * Loads {@code lines} into a candidate, reads the diff, and discards it ({@code dryRun}, no changes, or anything
     * rejected) or commits it as {@code args} say.
     */
    private CompletionStage<CommandResult> configure(List<String> lines, ConfigArgs args, boolean dryRun,
                                                     String session, CommandOptions options) {
        long started = System.nanoTime();
        String command = String.join("\n", lines);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("dry_run", dryRun);
        meta.put("replace", args.replace());
        if (platform == NapalmPlatform.EOS) {
            meta.put("config_session", session);
        }
        Function<CommandResult, CompletionStage<CommandResult>> rejectedAndDiscard = rejected ->
                all(platform.discard(), options).thenApply(ignored -> rejected(command, rejected, "", started, meta));
        List<String> load = new ArrayList<>(args.replace() ? platform.prepareReplace() : List.of());
        load.addAll(lines);
        return cli.enable()
                .thenCompose(ignored -> all(dryRun ? List.of() : platform.beforeCommit(), options))
                .thenCompose(rejected -> rejected != null ? done(rejected(command, rejected, "", started, meta))
                        : all(List.of(platform.enter(session)), options).thenCompose(refused -> refused != null
                        ? done(rejected(command, refused, "", started, meta))
                        : all(load, options).thenCompose(badLine -> badLine != null ? rejectedAndDiscard.apply(badLine)
                        : cli.sendLine(platform.diff(), options).thenCompose(diff -> diff.exitStatus() != 0
                        ? rejectedAndDiscard.apply(diff)
                        : decide(command, text(diff), args, dryRun, options, started, meta)))));
    }

    /** With the diff in hand: discard (dry run, nothing to change) or commit. */
    private CompletionStage<CommandResult> decide(String command, String diff, ConfigArgs args, boolean dryRun,
                                                  CommandOptions options, long started, Map<String, Object> meta) {
        boolean changed = changes(diff);
        meta.put("changed", changed);
        if (dryRun || !changed) {
            return all(platform.discard(), options).thenApply(ignored -> {
                meta.put("committed", false);
                meta.put("discarded", true);
                return CommandResult.ok(command, diff, withTiming(started, meta));
            });
        }
        String commit = platform.commit(args);
        return cli.sendLine(commit, options).thenCompose(result -> {
            String output = text(result);
            if (result.exitStatus() != 0 || !platform.committed(output)) {
                return all(platform.discard(), options).thenApply(ignored -> {
                    meta.put("committed", false);
                    meta.put("discarded", true);
                    return CommandResult.error(command, diff, "Device reported commit failure: "
                            + (output.isBlank() ? "no output" : firstError(result)) + "; the candidate was "
                            + "discarded and the device left unchanged", withTiming(started, meta));
                });
            }
            meta.put("committed", true);
            meta.put("discarded", false);
            if (args.revertIn() != null) {
                meta.put("revert_in", args.revertIn());
                meta.put("confirm_by", Instant.now().plus(Duration.ofSeconds(args.revertIn())).toString());
            }
            return all(platform.afterCommit(args), options).thenApply(failed -> failed == null
                    ? CommandResult.ok(command, diff, withTiming(started, meta))
                    : CommandResult.error(command, diff, "Committed, but the device rejected '" + failed.command()
                    + "': " + firstError(failed), withTiming(started, meta)));
        });
    }

    /** A diff shows changes when a line starts with + or - (not counting unified-diff file headers). */
    static boolean changes(String diff) {
        return Pattern.compile("(?m)^[+-](?![+-]{2} )").matcher(diff).find();
    }

    private CommandResult rejected(String command, CommandResult rejected, String stdout, long started,
                                   Map<String, Object> meta) {
        meta.put("committed", false);
        meta.put("discarded", true);
        return CommandResult.error(command, stdout, "Device rejected '" + rejected.command() + "': "
                + firstError(rejected) + "; the candidate was discarded and the device left unchanged",
                withTiming(started, meta));
    }

    // ---- commands: getters, actions, CLI

    private static void checkCommand(String line, Map<String, Object> driverArgs) {
        String name = line.strip();
        if (GETTERS.contains(name) || ACTIONS.contains(name)) {
            if (name.equals("get_config")) {
                retrieve(driverArgs);
            }
            return;
        }
        if (METHOD_NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("'" + name + "' is not a napalm getter or action this driver runs; use "
                    + "one of " + String.join(", ", GETTERS) + " (getters), " + String.join(", ", ACTIONS)
                    + " (actions), or a CLI command. A config change is sent as 'config' (dry_run discards it)");
        }
    }

    private static String retrieve(Map<String, Object> driverArgs) {
        Object value = driverArgs.getOrDefault("retrieve", "all");
        if (!RETRIEVE.contains(String.valueOf(value))) {
            throw new InvalidArgumentException("driver_args.retrieve must be one of " + RETRIEVE + ", got '" + value + "'");
        }
        return value.toString();
    }

    private CompletionStage<CommandResult> command(String line, Map<String, Object> driverArgs,
                                                   CommandOptions options) {
        long started = System.nanoTime();
        String name = line.strip();
        return switch (name) {
            case "get_facts" -> facts(options, started);
            case "get_interfaces" -> show(platform.interfaces(), options,
                    summary -> done(json(name, Getters.interfaces(platform, summary), started)), started);
            case "get_config" -> config(retrieve(driverArgs), options, started);
            case "confirm_commit" -> confirm(options, started);
            case "rollback" -> action(name, platform.rollback(), options, started);
            default -> cli.send(line, options);
        };
    }

    /** {@code get_facts}: the interface summary, {@code show version}, and (Cisco-style) the hostname line. */
    private CompletionStage<CommandResult> facts(CommandOptions options, long started) {
        String running = platform == NapalmPlatform.JUNOS ? null : platform.running();
        return show(platform.interfaces(), options, summary -> show(platform.version(), options, version ->
                running == null ? done(facts(version, "", summary, started))
                        : show(running, options, config -> done(facts(version, config, summary, started)), started),
                started), started);
    }

    private CommandResult facts(String version, String running, String summary, long started) {
        return json("get_facts", Getters.facts(platform, version, running, Getters.interfaces(platform, summary)),
                started);
    }

    /** {@code get_config}: running, startup and candidate, "" for what was not asked or the platform lacks. */
    private CompletionStage<CommandResult> config(String retrieve, CommandOptions options, long started) {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("running", "", "startup", "", "candidate", ""));
        boolean all = retrieve.equals("all");
        CompletionStage<CommandResult> chain = done(null);
        if (all || retrieve.equals("running")) {
            chain = chain.thenCompose(failed -> failed != null ? done(failed)
                    : collect(List.of(platform.running()), options, text -> config.put("running", text)));
        }
        if ((all || retrieve.equals("startup")) && platform.startup() != null) {
            chain = chain.thenCompose(failed -> failed != null ? done(failed)
                    : collect(List.of(platform.startup()), options, text -> config.put("startup", text)));
        }
        if ((all || retrieve.equals("candidate")) && !platform.candidate().isEmpty()) {
            chain = chain.thenCompose(failed -> failed != null ? done(failed)
                    : collect(platform.candidate(), options, text -> config.put("candidate", text)));
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        return chain.thenApply(failed -> {
            if (failed != null) {
                return failed;
            }
            List.of("running", "startup", "candidate").forEach(key -> ordered.put(key, config.get(key)));
            return json("get_config", ordered, started);
        });
    }

    /**
     * Runs lines in order (a read before its last line: the candidate) and hands the output of the line that shows
     * the configuration to {@code sink}; completes with the first rejected line's result, or null.
     */
    private CompletionStage<CommandResult> collect(List<String> lines, CommandOptions options,
                                                   java.util.function.Consumer<String> sink) {
        int showAt = lines.size() == 1 ? 0 : lines.size() - 2;
        CompletionStage<CommandResult> chain = done(null);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean show = i == showAt;
            chain = chain.thenCompose(failed -> failed != null ? done(failed)
                    : (lines.size() == 1 ? cli.send(line, options) : cli.sendLine(line, options)).thenApply(result -> {
                        if (result.exitStatus() != 0) {
                            return result;
                        }
                        if (show) {
                            sink.accept(text(result));
                        }
                        return null;
                    }));
        }
        return chain;
    }

    /** {@code confirm_commit}: EOS confirms the session waiting with a timer; Junos and XR commit again. */
    private CompletionStage<CommandResult> confirm(CommandOptions options, long started) {
        if (platform != NapalmPlatform.EOS) {
            return action("confirm_commit", platform.confirm(), options, started);
        }
        return show("show configuration sessions", options, sessions -> {
            var pending = EOS_PENDING.matcher(sessions);
            if (!pending.find()) {
                return done(CommandResult.error("confirm_commit", "", "no commit is waiting for confirmation on "
                        + spec.address() + " (no config session in state pending-commit-timer)",
                        CommandResult.timing(spec.host(), started)));
            }
            return action("confirm_commit", List.of("configure session " + pending.group(1) + " commit",
                    "copy running-config startup-config"), options, started);
        }, started);
    }

    /** An action's lines in order; JSON {@code {"<name>": true, "output": ...}} or the first rejected line. */
    private CompletionStage<CommandResult> action(String name, List<String> lines, CommandOptions options,
                                                  long started) {
        StringBuilder output = new StringBuilder();
        CompletionStage<CommandResult> chain = done(null);
        for (String line : lines) {
            chain = chain.thenCompose(failed -> failed != null ? done(failed) : cli.sendLine(line, options)
                    .thenApply(result -> {
                        if (result.exitStatus() != 0) {
                            return result;
                        }
                        String text = text(result);
                        output.append(output.length() == 0 || text.isEmpty() ? "" : "\n").append(text);
                        return null;
                    }));
        }
        return chain.thenApply(failed -> {
            if (failed != null) {
                return CommandResult.error(name, "", "Device rejected '" + failed.command() + "': "
                        + firstError(failed), CommandResult.timing(spec.host(), started));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(name, true);
            body.put("output", output.toString());
            return json(name, body, started);
        });
    }

    /** A show command whose text goes on to {@code next}; a rejected one is the entry. */
    private CompletionStage<CommandResult> show(String command, CommandOptions options,
                                                Function<String, CompletionStage<CommandResult>> next, long started) {
        return cli.send(command, options).thenCompose(result -> result.exitStatus() != 0
                ? done(CommandResult.error(command, "", result.stderr(), CommandResult.timing(spec.host(), started)))
                : next.apply(text(result)));
    }

    private CommandResult json(String name, Object value, long started) {
        try {
            return new CommandResult(name, JobJson.mapper().writeValueAsString(value), "", 0, null,
                    CommandResult.timing(spec.host(), started), value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("getter output is plain maps and lists", e);
        }
    }

    // ---- helpers

    /** Sends lines in order; completes with the first one the device rejected, or null when all were accepted. */
    private CompletionStage<CommandResult> all(List<String> lines, CommandOptions options) {
        CompletionStage<CommandResult> chain = done(null);
        for (String line : lines) {
            chain = chain.thenCompose(failed -> failed != null ? done(failed)
                    : cli.sendLine(line, options).thenApply(result -> result.exitStatus() == 0 ? null : result));
        }
        return chain;
    }

    /** The line of a rejected command's output that holds the error marker (or all of it). */
    private String firstError(CommandResult rejected) {
        String text = rejected.stderr() == null || rejected.stderr().isEmpty() ? text(rejected) : rejected.stderr();
        String error = Platform.firstError(text, cli.platform().errorMarker());
        return error != null ? error : text.strip();
    }

    private static String text(CommandResult result) {
        return result.stdout() == null ? "" : result.stdout().toString();
    }

    private Map<String, Object> withTiming(long started, Map<String, Object> meta) {
        Map<String, Object> metadata = CommandResult.timing(spec.host(), started);
        metadata.putAll(meta);
        return metadata;
    }

    /**
     * A job that broke mid-way (timeout, dropped connection) leaves the session in an unknown state: it is closed
     * (the device drops an uncommitted candidate with it) and the failure becomes entries; invalid arguments fail.
     */
    private CompletionStage<List<CommandResult>> closeOnFailure(CompletionStage<List<CommandResult>> work,
                                                                Function<Throwable, List<CommandResult>> entries) {
        return work.handle((results, failure) -> {
            if (failure == null) {
                return done(results);
            }
            List<CommandResult> failed = entries.apply(failure);
            return cli.close().thenApply(ignored -> failed);
        }).thenCompose(stage -> stage);
    }

    /** EOS config session names: unique per job, short enough for the prompt. */
    private static String sessionName(String jobId) {
        String id = (jobId == null ? UUID.randomUUID().toString() : jobId).replaceAll("[^A-Za-z0-9]", "");
        return "np" + id.substring(0, Math.min(12, id.length()));
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private static Map<Pattern, String> answers(String... questions) {
        Map<Pattern, String> answers = new LinkedHashMap<>();
        for (String question : questions) {
            answers.put(Pattern.compile(question), "yes");
        }
        return answers;
    }

    // ---- the DeviceSession operations

    @Override
    public CompletionStage<CommandResult> send(String command, CommandOptions options) {
        return cli.send(command, options);
    }

    @Override
    public CompletionStage<Void> enable() {
        return cli.enable();
    }

    /** A merge committed at once (no dry run); {@code save} is the platform's (EOS saves after a commit). */
    @Override
    public CompletionStage<List<CommandResult>> sendConfig(List<String> lines, CommandOptions options, boolean save) {
        CommandOptions lineOptions = new CommandOptions(options.readTimeout(), null, ANSWERS, null, null);
        return configure(lines, ConfigArgs.MERGE, false, sessionName(null), lineOptions).thenApply(List::of);
    }

    @Override
    public CompletionStage<Void> probe(Duration timeout) {
        return cli.probe(timeout);
    }

    @Override
    public boolean isOpen() {
        return cli.isOpen();
    }

    @Override
    public CompletionStage<Void> close() {
        return cli.close();
    }
}
