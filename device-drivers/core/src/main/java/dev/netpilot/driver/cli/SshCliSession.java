package dev.netpilot.driver.cli;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException.PrivilegeException;
import dev.netpilot.driver.ssh.SshTransport;
import dev.netpilot.job.CommandResult;
import org.apache.sshd.client.session.ClientSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A CLI login driven by a {@link Platform}: write a command, read until the prompt, clean the output.
 * Operations are chained so that they reach the device strictly one after another.
 */
final class SshCliSession implements DeviceSession {

    private final Platform platform;
    private final ConnectionSpec spec;
    private final ClientSession ssh;
    private final ShellChannel shell;
    private CompletableFuture<?> queue = CompletableFuture.completedFuture(null);
    private Pattern prompt;
    private Platform.PrivilegeLevel level;

    private SshCliSession(Platform platform, ConnectionSpec spec, ClientSession ssh, ShellChannel shell) {
        this.platform = platform;
        this.spec = spec;
        this.ssh = ssh;
        this.shell = shell;
    }

    static CompletionStage<DeviceSession> open(Platform platform, ConnectionSpec spec, SshTransport transport) {
        return transport.connect(spec).thenCompose(ssh -> ShellChannel.open(ssh, transport, spec.address())
                .thenCompose(shell -> new SshCliSession(platform, spec, ssh, shell).login())
                .whenComplete((session, failure) -> {
                    if (failure != null) {
                        ssh.close(true);
                    }
                }));
    }

    private CompletionStage<DeviceSession> login() {
        CompletionStage<?> ready = shell.readUntil(ReadCondition.lastLine(platform.anyPrompt()), spec.connectTimeout(),
                platform.pager(), platform.pagerAnswer(), "with a prompt after login").thenAccept(this::learnPrompt);
        for (String setup : platform.sessionSetup()) {
            ready = ready.thenCompose(ignored -> exchange(setup, CommandOptions.defaults(), prompt));
        }
        return ready.thenApply(ignored -> this);
    }

    @Override
    public CompletionStage<CommandResult> send(String command, CommandOptions options) {
        return serialized(() -> {
            long started = System.nanoTime();
            return exchange(command, options, prompt).thenApply(raw -> result(command, raw, started));
        });
    }

    @Override
    public CompletionStage<Void> enable() {
        return serialized(this::enableNow);
    }

    @Override
    public CompletionStage<List<CommandResult>> sendConfig(List<String> lines, CommandOptions options, boolean save) {
        return serialized(() -> {
            List<CommandResult> results = new ArrayList<>(lines.size() + 1);
            Platform.PrivilegeLevel config = platform.level(Platforms.CONFIGURATION);
            CompletionStage<Void> inConfig = level.name().equals(Platforms.EXEC) && spec.secret() != null
                    ? enableNow() : CompletableFuture.completedFuture(null);
            CompletionStage<Boolean> pushed = inConfig
                    .thenCompose(ignored -> exchange(config.enterCommand(), options, platform.anyPrompt()))
                    .thenCompose(ignored -> {
                        if (level != config) {
                            throw new PrivilegeException("could not enter configuration mode on " + spec.address()
                                    + " (prompt is at level " + level.name() + "); config needs privileged mode: "
                                    + "set connection_args.secret or enable_mode");
                        }
                        return pushLines(lines, 0, options, results);
                    });
            return pushed.handle((accepted, failure) -> exchange(config.exitCommand(), options, platform.anyPrompt())
                    .thenCompose(ignored -> {
                        if (failure != null) {
                            return CompletableFuture.<List<CommandResult>>failedFuture(failure);
                        }
                        if (!accepted || !save) {
                            return CompletableFuture.completedFuture(results);
                        }
                        return exchange(platform.saveCommand(), options, prompt).thenApply(raw -> {
                            appendToLast(results, OutputNormalizer.commandOutput(raw, platform.saveCommand(), platform));
                            return results;
                        });
                    })).thenCompose(stage -> stage);
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
        return exchange(line, options, platform.anyPrompt()).thenCompose(raw -> {
            String output = OutputNormalizer.commandOutput(raw, line, platform);
            String error = platform.firstError(output);
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

    @Override
    public CompletionStage<Void> probe(java.time.Duration timeout) {
        return serialized(() -> exchange("", new CommandOptions(timeout, null), prompt).thenApply(raw -> null));
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

    /**
     * Writes a command and reads until {@code until} is the last line (or the caller's pattern shows); keeps the
     * current level and prompt up to date. Show commands wait for this host's own prompt; config lines wait for
     * any prompt of the platform, because {@code hostname} changes it.
     */
    private CompletionStage<String> exchange(String command, CommandOptions options, Pattern untilPrompt) {
        ReadCondition until = options.expectString() != null
                ? ReadCondition.anywhere(options.expectString())
                : ReadCondition.lastLine(untilPrompt);
        return shell.write(command + "\n")
                .thenCompose(ignored -> shell.readUntil(until, options.readTimeout(), platform.pager(),
                        platform.pagerAnswer(), "'" + command + "'"))
                .thenApply(raw -> {
                    Platform.PrivilegeLevel now = platform.levelOf(ReadCondition.lastLineOf(raw).strip());
                    if (now != null) {
                        level = now;
                        learnPrompt(raw);
                    }
                    return raw;
                });
    }

    private CompletionStage<Void> enableNow() {
        Platform.PrivilegeLevel privileged = platform.level(Platforms.PRIVILEGED);
        if (platform.levels().indexOf(level) >= platform.levels().indexOf(privileged)) {
            return CompletableFuture.completedFuture(null);
        }
        ReadCondition promptOrPassword = ReadCondition.lastLine(prompt)
                .or(ReadCondition.lastLine(platform.passwordPrompt()));
        return shell.write(privileged.enterCommand() + "\n")
                .thenCompose(ignored -> shell.readUntil(promptOrPassword, CommandOptions.DEFAULT_READ_TIMEOUT,
                        null, null, "'" + privileged.enterCommand() + "'"))
                .thenCompose(raw -> answerPassword(raw, promptOrPassword, 0))
                .thenAccept(raw -> {
                    learnPrompt(raw);
                    if (level != privileged) {
                        throw new PrivilegeException("enable was refused by " + spec.address() + ": "
                                + (spec.secret() == null ? "the device asks for a secret; set connection_args.secret"
                                : "check connection_args.secret") + " (device said: "
                                + lastNonPromptLine(raw) + ")");
                    }
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
                        null, null, "the enable password"))
                .thenCompose(next -> answerPassword(raw + next, promptOrPassword, attempt + 1));
    }

    private void learnPrompt(String raw) {
        String promptLine = ReadCondition.lastLineOf(raw).strip();
        var host = platform.hostInPrompt().matcher(promptLine);
        if (host.matches()) {
            prompt = platform.promptOf(host.group(1));
        }
        Platform.PrivilegeLevel now = platform.levelOf(promptLine);
        if (now != null) {
            level = now;
        }
    }

    private CommandResult result(String command, String raw, long started) {
        String output = OutputNormalizer.commandOutput(raw, command, platform);
        if (platform.firstError(output) != null) {
            return CommandResult.error(command, "", command + "\n" + output, metadata(started));
        }
        return CommandResult.ok(command, output, metadata(started));
    }

    private Map<String, Object> metadata(long startedNanos) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("host", spec.host());
        metadata.put("duration_seconds", Math.round((System.nanoTime() - startedNanos) / 1e6) / 1000.0);
        return metadata;
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
            if (!line.isEmpty() && platform.levelOf(line) == null) {
                return line;
            }
        }
        return "nothing";
    }

    /** Chains an operation after the previous one so that operations never interleave on the channel. */
    private synchronized <T> CompletionStage<T> serialized(Supplier<CompletionStage<T>> operation) {
        CompletableFuture<T> next = queue.handle((ignored, failure) -> null)
                .thenCompose(ignored -> operation.get()).toCompletableFuture();
        queue = next;
        return next;
    }
}
