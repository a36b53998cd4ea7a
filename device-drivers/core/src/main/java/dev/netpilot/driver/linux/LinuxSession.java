package dev.netpilot.driver.linux;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.DriverException.CommandTimeoutException;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.driver.InOrder;
import dev.netpilot.driver.ssh.SshBacked;
import dev.netpilot.driver.ssh.SshTransport;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.Job;
import org.apache.sshd.client.session.ClientSession;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A login on a Linux server: every command runs on its own exec channel and reports the remote exit code, stdout
 * and stderr apart. Operations run one after another, in call order, as on every {@link DeviceSession}.
 */
final class LinuxSession implements DeviceSession, SshBacked {

    /** Files of finished detached tasks are collected at most this often per login and executor. */
    private static final long GC_EVERY_MILLIS = 30 * 60 * 1000L;
    private static final Map<String, Long> LAST_GC = new ConcurrentHashMap<>();

    private final ConnectionSpec spec;
    private final ClientSession ssh;
    private final SshTransport transport;
    /** Operations never interleave on the session: each starts once the previous one ended. */
    private final InOrder operations = new InOrder();

    private LinuxSession(ConnectionSpec spec, ClientSession ssh, SshTransport transport) {
        this.spec = spec;
        this.ssh = ssh;
        this.transport = transport;
    }

    static CompletionStage<DeviceSession> open(ConnectionSpec spec, SshTransport transport) {
        return transport.connect(spec).thenApply(ssh -> {
            LinuxSession session = new LinuxSession(spec, ssh, transport);
            session.collectGarbageWhenDue();
            return session;
        });
    }

    @Override
    public ClientSession ssh() {
        return ssh;
    }

    @Override
    public CompletionStage<CommandResult> send(String command, CommandOptions options) {
        LinuxOptions linux = LinuxOptions.defaults();
        return operations.then(() -> command(command, command, linux, options.readTimeout()));
    }

    /** Runs the lines one by one (stopping at the first that exits non-zero): one entry, as NetPulse's paramiko. */
    @Override
    public CompletionStage<List<CommandResult>> sendConfig(List<String> lines, CommandOptions options, boolean save) {
        LinuxOptions linux = LinuxOptions.defaults();
        return operations.then(() -> config(lines, linux, options.readTimeout()).thenApply(List::of));
    }

    /** A shell login has no privilege levels to climb; use {@code driver_args.sudo} for root. */
    @Override
    public CompletionStage<Void> enable() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> probe(Duration timeout) {
        return operations.then(() -> exec(new ExecChannel.Request("true", false, null, true, Map.of(), timeout))
                .thenAccept(outcome -> {
                    if (outcome.timedOut()) {
                        throw new CommandTimeoutException(spec.address() + " did not run 'true' within "
                                + timeout.toMillis() / 1000.0 + " s");
                    }
                }));
    }

    @Override
    public boolean isOpen() {
        return ssh.isOpen();
    }

    @Override
    public CompletionStage<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        ssh.close(false).addListener(ignored -> closed.complete(null));
        return closed;
    }

    /**
     * A whole job: the management of detached tasks, a detached launch, a config push (one entry), or a script
     * and then the commands (one entry each). A broken connection becomes an {@code exit_status} 1 entry for the
     * line it hit, the following lines are reported as skipped, and the session is closed.
     */
    @Override
    public CompletionStage<List<CommandResult>> run(DeviceJob job) {
        LinuxOptions options;
        try {
            options = LinuxOptions.from(job.driverArgs());
            if (job.detach() && !job.config() && !options.managesDetachedTasks() && options.scriptContent() == null
                    && job.lines().isEmpty()) {
                throw new InvalidArgumentException("detach needs a command to run (command, or "
                        + "driver_args.script_content)");
            }
        } catch (InvalidArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CommandResult> results = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        return operations.then(() -> work(job, options, results, labels).handle((ignored, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(results);
            }
            Throwable cause = DriverException.unwrap(failure);
            String failed = labels.size() > results.size() ? labels.get(results.size()) : String.join("\n", labels);
            results.add(DriverException.entryFor(failed, spec.host(), System.nanoTime(), cause));
            for (String skipped : labels.subList(Math.min(results.size(), labels.size()), labels.size())) {
                results.add(CommandResult.error(skipped, "", "Skipped due to exception in execution of '" + failed
                        + "'", CommandResult.timing(spec.host(), System.nanoTime())));
            }
            return close().thenApply(closed -> results);
        }).thenCompose(stage -> stage));
    }

    /** Does the job's work, adding one entry per step to {@code results}; {@code labels} names the steps planned. */
    private CompletionStage<Void> work(DeviceJob job, LinuxOptions options, List<CommandResult> results,
                                       List<String> labels) {
        if (options.listActiveDetachedTasks()) {
            labels.add("list_active_detached_tasks");
            return listActive().thenAccept(results::add);
        }
        if (options.readDetachedTask() != null) {
            labels.add("query");
            return query(options.readDetachedTask(), options.readOffset()).thenAccept(results::add);
        }
        if (options.killDetachedTask() != null) {
            labels.add("kill");
            return kill(options.killDetachedTask(), options).thenAccept(results::add);
        }
        if (job.detach() && !job.config()) {
            labels.add("launch");
            return launch(Job.detachedTaskId(job.jobId()), job.lines(), options).thenAccept(results::add);
        }
        Duration timeout = options.timeout();
        if (job.config()) {
            labels.add(String.join("\n", job.lines()));
            return config(job.lines(), options, timeout).thenAccept(results::add);
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        if (options.scriptContent() != null) {
            labels.add(scriptLabel(options));
            chain = chain.thenCompose(ignored -> script(options)).thenAccept(results::add);
        }
        for (String line : job.lines()) {
            labels.add(line);
            chain = chain.thenCompose(ignored -> command(line, line, options, timeout)).thenAccept(results::add);
        }
        return chain;
    }

    /** One command, with the options' directory, environment, sudo, terminal and answers. */
    private CompletionStage<CommandResult> command(String label, String command, LinuxOptions options,
                                                   Duration timeout) {
        long started = System.nanoTime();
        String password = sudoPassword(options);
        boolean pty = options.getPty() || !options.expectMap().isEmpty();
        ExecChannel.Request request = new ExecChannel.Request(ShellLine.of(command, options, password != null), pty,
                password == null ? null : password + "\n", options.expectMap().isEmpty(), options.expectMap(),
                timeout);
        return exec(request).thenApply(outcome -> entry(label, outcome, password, pty, timeout, started));
    }

    /** The script fed on stdin to its interpreter, which runs where and as the options say. */
    private CompletionStage<CommandResult> script(LinuxOptions options) {
        long started = System.nanoTime();
        String password = sudoPassword(options);
        String stdin = (password == null ? "" : password + "\n") + options.scriptContent();
        ExecChannel.Request request = new ExecChannel.Request(
                ShellLine.of(options.scriptInterpreter(), options, password != null), options.getPty(), stdin, true,
                Map.of(), options.timeout());
        return exec(request).thenApply(outcome -> entry(scriptLabel(options), outcome, password, options.getPty(),
                        options.timeout(), started)
                .withMetadata("script_content_length", options.scriptContent().length()));
    }

    /**
     * Config lines one by one, each on its own channel with the options' sudo, directory and environment; with
     * {@code stop_on_error} the first non-zero exit ends the push. One entry: the lines joined by newlines, their
     * outputs joined, and the last non-zero exit code.
     */
    private CompletionStage<CommandResult> config(List<String> lines, LinuxOptions options, Duration timeout) {
        long started = System.nanoTime();
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        int[] exit = {0};
        CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
        for (String line : lines) {
            chain = chain.thenCompose(goOn -> !goOn ? CompletableFuture.completedFuture(false)
                    : command(line, line, options, timeout).thenApply(result -> {
                        append(stdout, String.valueOf(result.stdout()));
                        append(stderr, result.stderr());
                        if (result.exitStatus() != 0) {
                            exit[0] = result.exitStatus();
                            return !options.stopOnError();
                        }
                        return true;
                    }));
        }
        return chain.thenApply(ignored -> new CommandResult(String.join("\n", lines), stdout.toString(),
                stderr.toString(), exit[0], null, CommandResult.timing(spec.host(), started), null));
    }

    private CompletionStage<CommandResult> launch(String taskId, List<String> lines, LinuxOptions options) {
        long started = System.nanoTime();
        Instant createdAt = Instant.now();
        String password = sudoPassword(options);
        boolean script = options.scriptContent() != null;
        String base = DetachedScripts.base(spec.username(), taskId);
        String work = script ? options.scriptInterpreter() + " " + ShellLine.quote(base + ".sh")
                : String.join("\n", lines);
        String description = script ? scriptLabel(options) : String.join("; ", lines);
        String stdin = (password == null ? "" : password + "\n") + (script ? options.scriptContent() : "");
        ExecChannel.Request request = new ExecChannel.Request(
                DetachedScripts.launch(spec.username(), taskId, ShellLine.of(work, options, password != null),
                        description.replace("\n", " "), password != null, script),
                false, stdin.isEmpty() ? null : stdin, true, Map.of(), options.timeout());
        return exec(request).thenApply(outcome -> {
            String out = ShellLine.clean(outcome.stdout(), password, false);
            String header = firstLine(out);
            if (!header.startsWith("NP_LAUNCH ")) {
                return entry("launch", outcome, password, false, options.timeout(), started);
            }
            String[] words = header.split(" ");
            boolean running = words[2].equals("running");
            int exit = running ? 0 : parseInt(words.length > 3 ? words[3] : null, -1);
            Map<String, Object> metadata = CommandResult.timing(spec.host(), started);
            metadata.put("task_id", taskId);
            metadata.put("pid", parseInt(words[1], -1));
            metadata.put("log_file", base + ".log");
            metadata.put("pid_file", base + ".pid");
            metadata.put("meta_file", base + ".pid.meta");
            metadata.put("age_file", base + ".pid.age");
            metadata.put("command", description);
            metadata.put("is_running", running);
            metadata.put("created_at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    createdAt.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC)));
            String stdout = running ? "Task " + taskId + " launched." : rest(out);
            return new CommandResult("launch", stdout, ShellLine.clean(outcome.stderr(), password, false), exit, null,
                    metadata, null);
        });
    }

    private CompletionStage<CommandResult> query(String taskId, long offset) {
        long started = System.nanoTime();
        return exec(new ExecChannel.Request(DetachedScripts.query(spec.username(), taskId, offset), false, null, true,
                Map.of(), null)).thenApply(outcome -> {
                    String header = firstLine(outcome.stdout());
                    String[] words = header.split(" ");
                    if (!header.startsWith("NP_TASK ") || words.length < 5) {
                        return entry("query", outcome, null, false, null, started);
                    }
                    boolean running = words[1].equals("yes");
                    long size = Long.parseLong(words[3]);
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("task_id", taskId);
                    metadata.put("is_running", running);
                    metadata.put("pid", words[2].equals("-") ? null : parseInt(words[2], -1));
                    metadata.put("next_offset", Math.max(size, 0));
                    metadata.put("completed", !running);
                    metadata.put("exit_code", words[4].equals("-") ? null : parseInt(words[4], -1));
                    metadata.putAll(CommandResult.timing(spec.host(), started));
                    if (size < 0 && words[2].equals("-")) {
                        return new CommandResult("query", "", "no detached task " + taskId + " of user "
                                + spec.username() + " on " + spec.host() + " (it was killed, or its files were "
                                + "collected a day after it ended)", 1, null, metadata, null);
                    }
                    return new CommandResult("query", rest(outcome.stdout()), outcome.stderr(), 0, null, metadata,
                            null);
                });
    }

    private CompletionStage<CommandResult> kill(String taskId, LinuxOptions options) {
        long started = System.nanoTime();
        String password = sudoPassword(options);
        ExecChannel.Request request = new ExecChannel.Request(
                ShellLine.of(DetachedScripts.kill(spec.username(), taskId), options, password != null), false,
                password == null ? null : password + "\n", true, Map.of(), options.timeout());
        return exec(request).thenApply(outcome -> {
            String out = ShellLine.clean(outcome.stdout(), password, false);
            Map<String, Object> metadata = CommandResult.timing(spec.host(), started);
            metadata.put("task_id", taskId);
            if (out.contains("NP_NOT_FOUND")) {
                return CommandResult.error("kill", "", "no detached task " + taskId + " of user " + spec.username()
                        + " on " + spec.host(), metadata);
            }
            if (!out.contains("NP_KILLED ")) {
                return entry("kill", outcome, password, false, options.timeout(), started);
            }
            boolean wasRunning = out.contains("NP_KILLED yes");
            metadata.put("was_running", wasRunning);
            return CommandResult.ok("kill", wasRunning ? "Task " + taskId + " killed."
                    : "Task " + taskId + " had ended; its files were removed.", metadata);
        });
    }

    private CompletionStage<CommandResult> listActive() {
        long started = System.nanoTime();
        return exec(new ExecChannel.Request(DetachedScripts.listActive(spec.username()), false, null, true, Map.of(),
                null)).thenApply(outcome -> {
                    if (outcome.exitStatus() == null || outcome.exitStatus() != 0) {
                        return entry("list_active_detached_tasks", outcome, null, false, null, started);
                    }
                    List<Map<String, Object>> tasks = new ArrayList<>();
                    for (String line : outcome.stdout().split("\n")) {
                        String[] fields = line.split("\t", 4);
                        if (fields.length == 4 && fields[0].equals("NP_ACTIVE")) {
                            String base = DetachedScripts.base(spec.username(), fields[1]);
                            Map<String, Object> task = new LinkedHashMap<>();
                            task.put("task_id", fields[1]);
                            task.put("command", fields[3]);
                            task.put("pid", parseInt(fields[2], -1));
                            task.put("status", "running");
                            task.put("pid_file", base + ".pid");
                            task.put("meta_file", base + ".pid.meta");
                            task.put("log_file", base + ".log");
                            task.put("age_file", base + ".pid.age");
                            tasks.add(task);
                        }
                    }
                    Map<String, Object> metadata = CommandResult.timing(spec.host(), started);
                    metadata.put("active_tasks", tasks);
                    return CommandResult.ok("list_active_detached_tasks", "Found " + tasks.size()
                            + " active detached tasks", metadata);
                });
    }

    /** Deletes day-old files of ended detached tasks, in the background, once per half hour per login. */
    private void collectGarbageWhenDue() {
        String login = spec.username() + "@" + spec.address();
        long now = System.currentTimeMillis();
        boolean[] due = {false};
        LAST_GC.compute(login, (key, last) -> {
            due[0] = last == null || now - last >= GC_EVERY_MILLIS;
            return due[0] ? now : last;
        });
        if (!due[0]) {
            return;
        }
        exec(new ExecChannel.Request(DetachedScripts.collectGarbage(spec.username()), false, null, true, Map.of(),
                Duration.ofSeconds(30)));
    }

    /** The entry of a finished command: its outputs cleaned, its exit code (-1 when it had none or timed out). */
    private CommandResult entry(String label, ExecChannel.Outcome outcome, String password, boolean pty,
                                Duration timeout, long started) {
        String stderr = ShellLine.clean(outcome.stderr(), password, pty);
        if (outcome.timedOut()) {
            stderr += (stderr.isEmpty() || stderr.endsWith("\n") ? "" : "\n") + "the command did not finish within "
                    + timeout.toMillis() / 1000.0 + " s (driver_args.timeout); its channel was closed";
        }
        int exit = outcome.exitStatus() == null ? -1 : outcome.exitStatus();
        return new CommandResult(label, ShellLine.clean(outcome.stdout(), password, pty), stderr, exit, null,
                CommandResult.timing(spec.host(), started), null);
    }

    private CompletionStage<ExecChannel.Outcome> exec(ExecChannel.Request request) {
        return ExecChannel.run(ssh, transport, spec.address(), request);
    }

    /** The password sudo reads: {@code sudo_password}, else the login password; null without sudo. */
    private String sudoPassword(LinuxOptions options) {
        if (!options.sudo()) {
            return null;
        }
        return options.sudoPassword() != null ? options.sudoPassword() : spec.password();
    }

    private static String scriptLabel(LinuxOptions options) {
        return "script_execution_" + options.scriptInterpreter();
    }

    private static void append(StringBuilder joined, String output) {
        if (output == null || output.isEmpty()) {
            return;
        }
        if (!joined.isEmpty() && joined.charAt(joined.length() - 1) != '\n') {
            joined.append('\n');
        }
        joined.append(output);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String rest(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? "" : text.substring(end + 1);
    }

    private static int parseInt(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
