package dev.netpilot.driver.linux;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.Job;
import dev.netpilot.simulator.openssh.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paramiko driver against a real OpenSSH server on loopback, logged in with a key file. */
class OpenSshLinuxDriverTest {

    private static OpenSshServer sshd;
    private DeviceSession session;

    @BeforeAll
    static void startSshd() throws Exception {
        Assumptions.assumeTrue(OpenSshServer.available(), "OpenSSH server not installed (" + OpenSshServer.SSHD
                + "): apt-get install openssh-server to run these tests");
        sshd = OpenSshServer.start();
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void open() throws Exception {
        session = await(new DeviceDrivers(PluginLoader.fromSystem()).byName("paramiko").open(ConnectionSpec.from(args())));
    }

    @AfterEach
    void close() throws Exception {
        await(session.close());
    }

    static Map<String, Object> args() {
        Map<String, Object> args = new HashMap<>();
        args.put("host", "127.0.0.1");
        args.put("port", sshd.port());
        args.put("username", OpenSshServer.user());
        args.put("key_filename", sshd.clientKey().toString());
        return args;
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private List<CommandResult> run(String jobId, List<String> lines, boolean config, boolean detach,
                                    Map<String, Object> driverArgs) throws Exception {
        return await(session.run(new DeviceJob(jobId, ConnectionSpec.from(args()), lines, config, false, false, false,
                CommandOptions.defaults(), driverArgs, null, null, detach)));
    }

    private CommandResult command(Map<String, Object> driverArgs, String line) throws Exception {
        return run(UUID.randomUUID().toString(), List.of(line), false, false, driverArgs).get(0);
    }

    @Test
    void exitCodesAndStderrComeFromTheServer() throws Exception {
        CommandResult result = command(Map.of(), "echo out; echo err >&2; exit 3");
        assertEquals("out\n", result.stdout());
        assertEquals("err\n", result.stderr());
        assertEquals(3, result.exitStatus());
        assertEquals(0, command(Map.of(), "true").exitStatus());
    }

    @Test
    void environmentWorkingDirectoryAndScripts() throws Exception {
        String directory = sshd.directory().toRealPath().toString();
        Map<String, Object> args = Map.of("environment", Map.of("GREETING", "it's \"quoted\" $HOME"),
                "working_directory", directory);
        assertEquals(directory + "\n", command(args, "pwd").stdout());
        assertEquals("it's \"quoted\" $HOME\n", command(args, "printf '%s\\n' \"$GREETING\"").stdout());

        List<CommandResult> script = run(UUID.randomUUID().toString(), List.of(), false, false,
                Map.of("script_content", "cd \"$1\" 2>/dev/null; pwd\necho \"$GREETING\" >&2\nexit 7\n",
                        "environment", Map.of("GREETING", "hi"), "working_directory", directory));
        assertEquals(1, script.size());
        assertEquals("script_execution_bash", script.get(0).command());
        assertEquals(directory + "\n", script.get(0).stdout());
        assertEquals("hi\n", script.get(0).stderr());
        assertEquals(7, script.get(0).exitStatus());
    }

    @Test
    void expectMapAnswersAPromptOnATerminal() throws Exception {
        CommandResult result = command(Map.of("expect_map", Map.of("Continue? [y/N] ", "y")),
                "read -p 'Continue? [y/N] ' answer; echo \"answer=$answer\"");
        assertEquals(0, result.exitStatus(), String.valueOf(result.stdout()));
        assertTrue(result.stdout().toString().contains("answer=y\n"), String.valueOf(result.stdout()));
    }

    @Test
    void timeoutStopsTheCommandButNotTheSession() throws Exception {
        // what it printed before the timeout is kept (5 s leaves a loaded machine room to start the shell)
        CommandResult result = command(Map.of("timeout", 5), "echo before; sleep 60");
        assertEquals(-1, result.exitStatus());
        assertEquals("before\n", result.stdout());
        assertTrue(result.stderr().contains("driver_args.timeout"), result.stderr());
        await(session.probe(Duration.ofSeconds(10)));
    }

    @Test
    void configStopsAtTheFirstNonZeroExit() throws Exception {
        String file = sshd.directory().resolve("config-" + UUID.randomUUID()).toString();
        CommandResult entry = run(UUID.randomUUID().toString(), List.of("echo one >> " + file, "false",
                "echo two >> " + file), true, false, Map.of()).get(0);
        assertEquals(1, entry.exitStatus());
        assertEquals("one\n", command(Map.of(), "cat " + file).stdout());
    }

    @Test
    void aDetachedTaskOutlivesTheJobAndCanBeReadListedAndKilled() throws Exception {
        String jobId = UUID.randomUUID().toString();
        String taskId = Job.detachedTaskId(jobId);
        CommandResult launch = run(jobId, List.of("for i in 1 2 3; do echo line$i; done", "sleep 300"), false, true,
                Map.of()).get(0);
        assertEquals("launch", launch.command());
        assertEquals(0, launch.exitStatus(), launch.stderr());
        assertEquals("Task " + taskId + " launched.", launch.stdout());
        assertEquals(taskId, launch.metadata().get("task_id"));
        assertEquals(true, launch.metadata().get("is_running"));
        String logFile = "/tmp/np-detached-" + OpenSshServer.user() + "/np_" + taskId + ".log";
        assertEquals(logFile, launch.metadata().get("log_file"));
        assertNotEquals(-1, launch.metadata().get("pid"));

        // the session that launched it is gone: the task lives on
        await(session.close());
        session = await(new DeviceDrivers(PluginLoader.fromSystem()).byName("paramiko").open(ConnectionSpec.from(args())));

        CommandResult query = queryUntil(taskId, 0, "line3\n");
        assertEquals("line1\nline2\nline3\n", query.stdout());
        assertEquals(true, query.metadata().get("is_running"));
        assertEquals(false, query.metadata().get("completed"));
        long next = ((Number) query.metadata().get("next_offset")).longValue();
        assertEquals(18, next);
        assertEquals("line2\nline3\n", query(taskId, 6).stdout());
        assertEquals("", query(taskId, next).stdout());
        assertEquals("line1\nline2\nline3\n", query(taskId, 10_000).stdout(), "past the end: the log was rotated");

        CommandResult list = run(UUID.randomUUID().toString(), List.of(), false, false,
                Map.of("list_active_detached_tasks", true)).get(0);
        assertTrue(list.stdout().toString().matches("Found \\d+ active detached tasks"), list.stdout().toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> active = (List<Map<String, Object>>) list.metadata().get("active_tasks");
        Map<String, Object> mine = active.stream().filter(t -> taskId.equals(t.get("task_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("task not listed: " + active));
        assertEquals("for i in 1 2 3; do echo line$i; done; sleep 300", mine.get("command"));
        assertEquals("running", mine.get("status"));

        CommandResult kill = run(UUID.randomUUID().toString(), List.of(), false, false,
                Map.of("kill_detached_task", taskId)).get(0);
        assertEquals(0, kill.exitStatus(), kill.stderr());
        assertEquals("Task " + taskId + " killed.", kill.stdout());
        CommandResult gone = query(taskId, 0);
        assertEquals(1, gone.exitStatus());
        assertTrue(gone.stderr().contains("no detached task " + taskId), gone.stderr());
        assertEquals("", command(Map.of(), "pgrep -f '[n]p_" + taskId + "' || true").stdout(), "the process group is gone");
    }

    @Test
    void aDetachedCommandEndingWithExitKeepsItsCode() throws Exception {
        String jobId = UUID.randomUUID().toString();
        run(jobId, List.of("echo leaving; exit 4"), false, true, Map.of());
        CommandResult done = queryUntilCompleted(Job.detachedTaskId(jobId));
        assertEquals(4, done.metadata().get("exit_code"));
        assertEquals("leaving\n", done.stdout());
    }

    @Test
    void aDetachedScriptReportsItsExitCode() throws Exception {
        String jobId = UUID.randomUUID().toString();
        String taskId = Job.detachedTaskId(jobId);
        CommandResult launch = run(jobId, List.of(), false, true,
                Map.of("script_content", "echo from-script\nexit 5\n")).get(0);
        assertEquals("script_execution_bash", launch.metadata().get("command"));
        CommandResult done = queryUntilCompleted(taskId);
        assertEquals(5, done.metadata().get("exit_code"));
        assertEquals("from-script\n", done.stdout());
        if (Boolean.FALSE.equals(launch.metadata().get("is_running"))) { // it ended within the launch's half second
            assertEquals(5, launch.exitStatus());
            assertEquals("from-script\n", launch.stdout());
        }
        assertEquals("Task " + taskId + " had ended; its files were removed.", run(UUID.randomUUID().toString(),
                List.of(), false, false, Map.of("kill_detached_task", taskId)).get(0).stdout());
    }

    @Test
    void aKeyFileThatCannotBeReadIsAnInvalidArgument() {
        Map<String, Object> args = args();
        args.put("key_filename", sshd.directory().resolve("missing_key").toString());
        DriverException failure = assertThrows(DriverException.class,
                () -> await(new DeviceDrivers(PluginLoader.fromSystem()).byName("paramiko").open(ConnectionSpec.from(args))));
        assertTrue(failure.getMessage().contains("key_file"), failure.getMessage());
        assertFalse(failure.getMessage().contains("BEGIN"), failure.getMessage());
    }

    private CommandResult query(String taskId, long offset) throws Exception {
        return run(UUID.randomUUID().toString(), List.of(), false, false,
                Map.of("read_detached_task_logs", Map.of("task_id", taskId, "offset", offset))).get(0);
    }

    /** Reads the log until it ends with {@code text}; each query is one exec round trip. */
    private CommandResult queryUntil(String taskId, long offset, String text) throws Exception {
        CommandResult result = null;
        for (int i = 0; i < 2000; i++) {
            result = query(taskId, offset);
            if (result.stdout().toString().endsWith(text)) {
                return result;
            }
        }
        throw new AssertionError("the log never showed '" + text + "': " + result);
    }

    private CommandResult queryUntilCompleted(String taskId) throws Exception {
        CommandResult result = null;
        for (int i = 0; i < 2000; i++) {
            result = query(taskId, 0);
            if (Boolean.TRUE.equals(result.metadata().get("completed")) && result.metadata().get("exit_code") != null) {
                return result;
            }
        }
        throw new AssertionError("the task never completed: " + result);
    }
}
