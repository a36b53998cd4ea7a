package dev.netpilot.driver.cli;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.driver.DriverException.PrivilegeException;
import dev.netpilot.driver.InOrder;
import dev.netpilot.driver.cli.Platform.PrivilegeLevel;
import dev.netpilot.driver.cli.ShellChannel.Answer;
import dev.netpilot.driver.ssh.SshTransport;
import dev.netpilot.job.CommandResult;
import dev.netpilot.driver.ssh.SshBacked;
import org.apache.sshd.client.session.ClientSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * A CLI login driven by a {@link Platform}: write a command, read until the prompt, clean the output. The one
 * engine for every vendor: levels, answers, save and commit all come from the platform's data.
 * Operations are chained so that they reach the device strictly one after another.
 */
final class SshCliSession implements CliSession, SshBacked {

    /** Saving or committing a big configuration takes longer than a show command (NX-OS: up to 100 s). */
    private static final Duration MIN_SAVE_TIMEOUT = Duration.ofSeconds(120);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Platform platform;
    private final ConnectionSpec spec;
    private final ClientSession ssh;
    private final ShellChannel shell;
    /** Answered during the engine's own steps: the pager and the platform's questions. */
    private final List<Answer> stepAnswers = new ArrayList<>();
    /** Operations never interleave on the session: each starts once the previous one ended. */
    private final InOrder operations = new InOrder();
    private Pattern prompt;
    private String promptLine;
    private PrivilegeLevel level;

    private SshCliSession(Platform platform, ConnectionSpec spec, ClientSession ssh, ShellChannel shell) {
        this.platform = platform;
        this.spec = spec;
        this.ssh = ssh;
        this.shell = shell;
        platform.answers().forEach((question, line) -> stepAnswers.add(new Answer(question, line + "\n")));
        if (platform.pager() != null) {
            stepAnswers.add(new Answer(platform.pager(), platform.pagerAnswer()));
        }
    }

    static CompletionStage<SshCliSession> open(Platform platform, ConnectionSpec spec, SshTransport transport) {
        return transport.connect(spec).thenCompose(ssh -> ShellChannel.open(ssh, transport, spec.address())
                .thenCompose(shell -> new SshCliSession(platform, spec, ssh, shell).login())
                .whenComplete((session, failure) -> {
                    if (failure != null) {
                        ssh.close(true);
                    }
                }));
    }

    private CompletionStage<SshCliSession> login() {
        CompletionStage<?> ready = shell.readUntil(ReadCondition.lastLine(platform.anyPrompt()), spec.connectTimeout(),
                stepAnswers, "with a prompt after login").thenAccept(this::learnPrompt);
        for (String setup : platform.sessionSetup()) {
            ready = ready.thenCompose(ignored -> step(setup, CommandOptions.DEFAULT_READ_TIMEOUT, prompt));
        }
        return ready.thenApply(ignored -> this);
    }

    @Override
    public ClientSession ssh() {
        return ssh;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public CompletionStage<CommandResult> send(String command, CommandOptions options) {
        return send(command, options, null);
    }

    @Override
    public CompletionStage<CommandResult> sendLine(String line, CommandOptions options) {
        return send(line, options, platform.anyPrompt());
    }

    /** A command read until {@code untilPrompt}, or the host's own prompt when null (learnt as the session goes). */
    private CompletionStage<CommandResult> send(String command, CommandOptions options, Pattern untilPrompt) {
        return operations.then(() -> {
            long started = System.nanoTime();
            return run(command, options, untilPrompt != null ? untilPrompt : prompt).thenApply(raw -> {
                String output = OutputNormalizer.commandOutput(raw, command, platform);
                if (Platform.firstError(output, errorMarker(options)) != null) {
                    return CommandResult.error(command, "", command + "\n" + output, metadata(started));
                }
                return CommandResult.ok(command, output, metadata(started));
            });
        });
    }

    @Override
    public CompletionStage<Void> enable() {
        return operations.then(() -> platform.enableLevel() == null ? DONE
                : climbTo(platform.levels().indexOf(platform.level(platform.enableLevel()))));
    }

    /**
     * Climbs to the config level, pushes the lines, commits (or throws uncommitted changes away) where the platform
     * commits, leaves config mode and saves where it saves. A privilege gained on the way (IOS enable) is kept, as
     * {@link #enable()} keeps it.
     */
    @Override
    public CompletionStage<List<CommandResult>> sendConfig(List<String> lines, CommandOptions options, boolean save) {
        if (options.commitConfirm() != null && platform.commit() == null) {
            return CompletableFuture.failedFuture(new InvalidArgumentException("driver_args.commit_confirm needs a "
                    + "platform that commits (cisco_xr, juniper_junos, huawei_vrpv8); " + platform.name()
                    + " applies each line at once"));
        }
        return operations.then(() -> {
            List<CommandResult> results = new ArrayList<>(lines.size() + 1);
            int start = levelIndex();
            int config = platform.levels().indexOf(platform.level(platform.configLevel()));
            CompletionStage<Boolean> applied = climbTo(config)
                    .thenCompose(ignored -> pushLines(lines, 0, options, results))
                    .thenCompose(accepted -> platform.commit() == null ? CompletableFuture.completedFuture(accepted)
                            : commitOrDiscard(accepted && !lines.isEmpty(), options, results));
            return applied.handle((accepted, failure) -> descendTo(Math.max(start, config - 1))
                    .thenCompose(ignored -> failure == null && accepted && save && platform.saveCommand() != null
                            ? saveNow(options, results) : DONE)
                    .handle((ignored, leaveFailure) -> {
                        Throwable first = failure != null ? failure : leaveFailure;
                        return first != null ? CompletableFuture.<List<CommandResult>>failedFuture(first)
                                : CompletableFuture.completedFuture(results);
                    }).thenCompose(stage -> stage)).thenCompose(stage -> stage);
        });
    }

    /** Pushes lines from {@code index}; true when every line was accepted. */
    private CompletionStage<Boolean> pushLines(List<String> lines, int index, CommandOptions options,
                                               List<CommandResult> results) {
        if (index == lines.size()) {
            return CompletableFuture.completedFuture(true);
        }
        String line = lines.get(index);
        long started = System.nanoTime();
        // config lines wait for any prompt of the platform: "hostname" changes it
        return run(line, options, platform.anyPrompt()).thenCompose(raw -> {
            String output = OutputNormalizer.commandOutput(raw, line, platform);
            String error = Platform.firstError(output, errorMarker(options));
            if (error == null) {
                results.add(CommandResult.ok(line, output, metadata(started)));
                return pushLines(lines, index + 1, options, results);
            }
            results.add(CommandResult.error(line, output, "Device reported configuration error: " + error,
                    metadata(started)));
            for (String skipped : lines.subList(index + 1, lines.size())) {
                results.add(CommandResult.error(skipped, "", "Skipped due to previous error in execution of '"
                        + line + "'", metadata(System.nanoTime())));
            }
            return CompletableFuture.completedFuture(false);
        });
    }

    /**
     * Commits when every line was accepted; a commit whose output lacks the success text or shows the failure text
     * is a failure entry with the device's words. Whatever was not committed is thrown away before leaving.
     */
    private CompletionStage<Boolean> commitOrDiscard(boolean commit, CommandOptions options,
                                                     List<CommandResult> results) {
        Platform.Commit how = platform.commit();
        CompletionStage<Boolean> committed = CompletableFuture.completedFuture(false);
        if (commit) {
            String command = how.commandFor(options.commitConfirm());
            long started = System.nanoTime();
            committed = step(command, saveTimeout(options), platform.anyPrompt()).thenApply(raw -> {
                String output = OutputNormalizer.commandOutput(raw, command, platform);
                boolean ok = !how.failure().matcher(output).find()
                        && (how.success() == null || how.success().matcher(output).find());
                if (ok) {
                    appendToLast(results, output);
                } else {
                    results.add(CommandResult.error(command, output, "Device reported commit failure: "
                            + (output.isBlank() ? "no output" : output.strip()), metadata(started)));
                }
                return ok;
            });
        }
        return committed.thenCompose(ok -> ok || how.discardCommand() == null ? CompletableFuture.completedFuture(ok)
                : step(how.discardCommand(), CommandOptions.DEFAULT_READ_TIMEOUT, platform.anyPrompt())
                        .thenApply(ignored -> false));
    }

    private CompletionStage<Void> saveNow(CommandOptions options, List<CommandResult> results) {
        String command = platform.saveCommand();
        long started = System.nanoTime();
        return step(command, saveTimeout(options), prompt).thenAccept(raw -> {
            String output = OutputNormalizer.commandOutput(raw, command, platform);
            String error = Platform.firstError(output, platform.errorMarker());
            if (error == null) {
                appendToLast(results, output);
            } else {
                results.add(CommandResult.error(command, output, "Device reported save failure: " + error,
                        metadata(started)));
            }
        });
    }

    @Override
    public CompletionStage<Void> probe(Duration timeout) {
        return operations.then(() -> step("", timeout, prompt).thenApply(raw -> null));
    }

    /** The last prompt seen, the platform in use and the SSH server's version banner. */
    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("device_type", platform.name());
        facts.put("prompt", promptLine);
        facts.put("remote_version", ssh.getServerVersion());
        return facts;
    }

    @Override
    public boolean isOpen() {
        return shell.isOpen() && ssh.isOpen();
    }

    @Override
    public CompletionStage<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        if (shell.isOpen() && platform.logoutCommand() != null) {
            shell.write(platform.logoutCommand() + "\n");
        }
        shell.close();
        ssh.close(false).addListener(ignored -> closed.complete(null));
        return closed;
    }

    /** A caller's command or config line: its expect_string, expect_map answers and the pager. */
    private CompletionStage<String> run(String command, CommandOptions options, Pattern untilPrompt) {
        List<Answer> answers = new ArrayList<>();
        options.expectMap().forEach((question, line) -> answers.add(new Answer(question, line + "\n")));
        if (platform.pager() != null) {
            answers.add(new Answer(platform.pager(), platform.pagerAnswer()));
        }
        ReadCondition until = options.expectString() != null
                ? ReadCondition.anywhere(options.expectString())
                : ReadCondition.lastLine(untilPrompt);
        return exchange(command, until, options.readTimeout(), answers);
    }

    /** One of the engine's own commands (setup, level changes, save, commit): the platform's answers apply. */
    private CompletionStage<String> step(String command, Duration timeout, Pattern untilPrompt) {
        return exchange(command, ReadCondition.lastLine(untilPrompt), timeout, stepAnswers);
    }

    /** Writes a command and reads until {@code until}; keeps the current level and prompt up to date. */
    private CompletionStage<String> exchange(String command, ReadCondition until, Duration timeout,
                                             List<Answer> answers) {
        return shell.write(command + "\n")
                .thenCompose(ignored -> shell.readUntil(until, timeout, answers, "'" + command + "'"))
                .thenApply(raw -> {
                    learnPrompt(raw);
                    return raw;
                });
    }

    /** Enters each level above the current one up to {@code target}, answering a password prompt with the secret. */
    private CompletionStage<Void> climbTo(int target) {
        int current = levelIndex();
        if (current >= target) {
            return DONE;
        }
        PrivilegeLevel next = platform.levels().get(current + 1);
        ReadCondition promptOrPassword = ReadCondition.lastLine(platform.anyPrompt());
        if (next.asksPassword()) {
            promptOrPassword = promptOrPassword.or(ReadCondition.lastLine(platform.passwordPrompt()));
        }
        ReadCondition until = promptOrPassword;
        String command = next.enterCommand();
        return shell.write(command + "\n")
                .thenCompose(ignored -> shell.readUntil(until, CommandOptions.DEFAULT_READ_TIMEOUT, stepAnswers,
                        "'" + command + "'"))
                .thenCompose(raw -> next.asksPassword() ? answerPassword(raw, until, 0)
                        : CompletableFuture.completedFuture(raw))
                .thenCompose(raw -> {
                    learnPrompt(raw);
                    if (level != next) {
                        throw new PrivilegeException("could not enter the " + next.name() + " level on "
                                + spec.address() + " with '" + command + "'" + (!next.asksPassword() ? ""
                                : spec.secret() == null ? ": the device asks for a secret; set connection_args.secret"
                                : ": check connection_args.secret") + " (device said: " + lastNonPromptLine(raw) + ")");
                    }
                    return climbTo(target);
                });
    }

    /** Leaves levels with their exit commands down to {@code target}, answering e.g. "uncommitted changes?". */
    private CompletionStage<Void> descendTo(int target) {
        int current = levelIndex();
        if (current <= target) {
            return DONE;
        }
        PrivilegeLevel from = level;
        return step(from.exitCommand(), CommandOptions.DEFAULT_READ_TIMEOUT, platform.anyPrompt()).thenCompose(raw -> {
            if (level == from) {
                throw new PrivilegeException("could not leave the " + from.name() + " level on " + spec.address()
                        + " with '" + from.exitCommand() + "' (device said: " + lastNonPromptLine(raw) + ")");
            }
            return descendTo(target);
        });
    }

    /** Answers password prompts with the secret once, then with empty lines until the device gives up. */
    private CompletionStage<String> answerPassword(String raw, ReadCondition promptOrPassword, int attempt) {
        if (!platform.passwordPrompt().matcher(ReadCondition.lastLineOf(raw)).matches() || attempt > 3) {
            return CompletableFuture.completedFuture(raw);
        }
        String answer = attempt == 0 && spec.secret() != null ? spec.secret() : "";
        return shell.write(answer + "\n")
                .thenCompose(ignored -> shell.readUntil(promptOrPassword, CommandOptions.DEFAULT_READ_TIMEOUT,
                        stepAnswers, "the password prompt"))
                .thenCompose(next -> answerPassword(raw + next, promptOrPassword, attempt + 1));
    }

    private void learnPrompt(String raw) {
        String promptLine = ReadCondition.lastLineOf(raw).strip();
        this.promptLine = promptLine;
        var host = platform.hostInPrompt().matcher(promptLine);
        if (host.matches()) {
            prompt = platform.promptOf(host.group(1));
        }
        PrivilegeLevel now = platform.levelOf(promptLine);
        if (now != null) {
            level = now;
        }
    }

    /** The current level's position; an unknown prompt counts as the login level. */
    private int levelIndex() {
        return Math.max(0, platform.levels().indexOf(level));
    }

    private Pattern errorMarker(CommandOptions options) {
        return options.errorPattern() != null ? options.errorPattern() : platform.errorMarker();
    }

    private static Duration saveTimeout(CommandOptions options) {
        return options.readTimeout().compareTo(MIN_SAVE_TIMEOUT) > 0 ? options.readTimeout() : MIN_SAVE_TIMEOUT;
    }

    private Map<String, Object> metadata(long startedNanos) {
        return CommandResult.timing(spec.host(), startedNanos);
    }

    private static void appendToLast(List<CommandResult> results, String output) {
        if (results.isEmpty()) {
            return;
        }
        CommandResult last = results.remove(results.size() - 1);
        String stdout = last.stdout() == null || last.stdout().toString().isEmpty()
                ? output : last.stdout() + "\n" + output;
        results.add(new CommandResult(last.command(), stdout, last.stderr(), last.exitStatus(), last.downloadUrl(),
                last.metadata(), last.parsed()));
    }

    private String lastNonPromptLine(String raw) {
        String[] lines = OutputNormalizer.clean(raw, platform).strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty() && platform.levelOf(line) == null && !platform.anyPrompt().matcher(line).matches()) {
                return line;
            }
        }
        return "nothing";
    }
}
