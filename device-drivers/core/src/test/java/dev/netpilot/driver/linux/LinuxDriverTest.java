package dev.netpilot.driver.linux;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.job.CommandResult;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paramiko driver against the simulator's linux personality, over real SSH on loopback. */
class LinuxDriverTest {

    private static DeviceSimulator simulator;
    private DeviceSession session;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = DeviceSimulator.start(SimulatorConfig.builder().platform("linux").devices(1).build());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
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
        SimulatedDevice device = simulator.device(0);
        Map<String, Object> args = new HashMap<>();
        args.put("host", device.host());
        args.put("port", device.port());
        args.put("username", "admin");
        args.put("password", "admin");
        return args;
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private List<CommandResult> run(List<String> lines, boolean config, Map<String, Object> driverArgs)
            throws Exception {
        return await(session.run(new DeviceJob(UUID.randomUUID().toString(), ConnectionSpec.from(args()), lines,
                config, false, false, false, CommandOptions.defaults(), driverArgs, null, null)));
    }

    private List<CommandResult> commands(Map<String, Object> driverArgs, String... lines) throws Exception {
        return run(List.of(lines), false, driverArgs);
    }

    @Test
    void eachCommandReportsItsExitCodeAndStderr() throws Exception {
        List<CommandResult> results = commands(Map.of(), "hostname", "cat /nonexistent", "frobnicate",
                "echo to-stderr >&2");
        assertEquals(4, results.size());
        assertEquals("hostname", results.get(0).command());
        assertEquals("sim-001\n", results.get(0).stdout());
        assertEquals(0, results.get(0).exitStatus());
        assertEquals(1, results.get(1).exitStatus());
        assertEquals("cat: /nonexistent: No such file or directory\n", results.get(1).stderr());
        assertEquals("", results.get(1).stdout());
        assertEquals(127, results.get(2).exitStatus());
        assertEquals("bash: frobnicate: command not found\n", results.get(2).stderr());
        assertEquals(0, results.get(3).exitStatus());
        assertEquals("to-stderr\n", results.get(3).stderr());
        assertEquals(simulator.device(0).host(), results.get(0).metadata().get("host"));
    }

    @Test
    void environmentAndWorkingDirectoryApplyToPlainCommands() throws Exception {
        Map<String, Object> args = Map.of("environment", Map.of("GREETING", "it's me"), "working_directory", "/etc");
        List<CommandResult> results = commands(args, "pwd", "echo \"$GREETING\"", "cat hostname");
        assertEquals("/etc\n", results.get(0).stdout());
        assertEquals("it's me\n", results.get(1).stdout());
        assertEquals("sim-001\n", results.get(2).stdout(), results.get(2).stderr());
        // a directory that does not exist fails the command, as cd && cmd does
        CommandResult missing = commands(Map.of("working_directory", "/nowhere"), "pwd").get(0);
        assertEquals(1, missing.exitStatus());
        assertTrue(missing.stderr().contains("cd: /nowhere: No such file or directory"), missing.stderr());
    }

    @Test
    void scriptContentRunsWithoutACommand() throws Exception {
        List<CommandResult> results = commands(Map.of("script_content", "echo one\nfalse\necho two\nexit 3\n"));
        assertEquals(1, results.size());
        CommandResult script = results.get(0);
        assertEquals("script_execution_bash", script.command());
        assertEquals("one\ntwo\n", script.stdout());
        assertEquals(3, script.exitStatus());
        assertEquals(31, script.metadata().get("script_content_length"));

        CommandResult python = commands(Map.of("script_content", "import sys\nprint('from python')\nsys.exit(4)\n",
                "script_interpreter", "python3")).get(0);
        assertEquals("script_execution_python3", python.command());
        assertEquals("from python\n", python.stdout());
        assertEquals(4, python.exitStatus());
    }

    @Test
    void sudoReadsThePasswordFromStdinAndHidesIt() throws Exception {
        CommandResult withLoginPassword = commands(Map.of("sudo", true), "whoami", "cat /etc/hostname").get(0);
        assertEquals(0, withLoginPassword.exitStatus(), withLoginPassword.stderr());
        assertEquals("root\n", withLoginPassword.stdout());
        assertFalse(withLoginPassword.stderr().contains("[sudo] password for"), withLoginPassword.stderr());

        CommandResult wrong = commands(Map.of("sudo", true, "sudo_password", "wrong"), "whoami").get(0);
        assertEquals(1, wrong.exitStatus());
        assertTrue(wrong.stderr().contains("incorrect password attempt"), wrong.stderr());
        assertEquals("", wrong.stdout());

        // on a terminal the typed password is echoed: the line showing it is removed
        CommandResult pty = commands(Map.of("sudo", true, "get_pty", true), "id").get(0);
        assertEquals(0, pty.exitStatus(), String.valueOf(pty.stdout()));
        assertEquals("uid=0(root) gid=0(root) groups=0(root)\n", pty.stdout());

        // without a password to give, sudo -n fails at once instead of waiting
        LinuxOptions options = LinuxOptions.from(Map.of("sudo", true));
        assertEquals("sudo -n bash -c 'whoami'", ShellLine.of("whoami", options, false));
    }

    @Test
    void configUsesSudoAndStopsAtTheFirstError() throws Exception {
        List<CommandResult> results = run(List.of("echo first > /etc/motd", "cat /missing", "echo never > /etc/x"),
                true, Map.of("sudo", true, "sudo_password", "admin"));
        assertEquals(1, results.size());
        CommandResult entry = results.get(0);
        assertEquals("echo first > /etc/motd\ncat /missing\necho never > /etc/x", entry.command());
        assertEquals(1, entry.exitStatus());
        assertTrue(entry.stderr().contains("cat: /missing"), entry.stderr());
        assertFalse(entry.stderr().contains("password"), entry.stderr());
        CommandResult check = commands(Map.of(), "cat /etc/motd", "cat /etc/x").get(0);
        assertEquals("first\n", check.stdout(), "the first line ran as root");
        assertTrue(simulator.device(0).runningConfig().contains("first"));
        assertFalse(simulator.device(0).runningConfig().contains("never"), "stop_on_error stops the push");

        CommandResult goOn = run(List.of("cat /missing", "echo later > /tmp/later"), true,
                Map.of("stop_on_error", false)).get(0);
        assertEquals(1, goOn.exitStatus());
        assertEquals("later\n", commands(Map.of(), "cat /tmp/later").get(0).stdout());
    }

    @Test
    void expectMapAnswersEachPromptOnce() throws Exception {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("Continue? [y/N] ", "y");
        answers.put("Name: ", "admin");
        CommandResult result = commands(Map.of("expect_map", answers),
                "read -p 'Continue? [y/N] ' ok && read -p 'Name: ' name && echo \"ok=$ok name=$name\"").get(0);
        assertEquals(0, result.exitStatus(), String.valueOf(result.stdout()));
        assertTrue(result.stdout().toString().endsWith("ok=y name=admin\n"), String.valueOf(result.stdout()));
    }

    @Test
    void timeoutClosesTheChannelAndKeepsTheSession() throws Exception {
        // read waits for input that never comes (the terminal stays open for expect_map)
        CommandResult stuck = commands(Map.of("timeout", 0.3, "expect_map", Map.of("never shown", "x")),
                "read line").get(0);
        assertEquals(-1, stuck.exitStatus());
        assertTrue(stuck.stderr().contains("did not finish within 0.3 s"), stuck.stderr());
        assertTrue(session.isOpen());
        assertEquals("sim-001\n", await(session.send("hostname", CommandOptions.defaults())).stdout());
    }

    @Test
    void sendConfigProbeAndEnableWorkOutsideJobs() throws Exception {
        await(session.enable());
        await(session.probe(Duration.ofSeconds(5)));
        CommandResult sent = await(session.send("uname -a", CommandOptions.defaults()));
        assertTrue(sent.stdout().toString().startsWith("Linux sim-001"), String.valueOf(sent.stdout()));
        List<CommandResult> config = await(session.sendConfig(List.of("echo a > /tmp/a", "cat /tmp/a"),
                CommandOptions.defaults(), false));
        assertEquals(1, config.size());
        assertEquals("a\n", config.get(0).stdout());
    }

    @Test
    void badDriverArgsSayWhatToFix() {
        DriverException.InvalidArgumentException e = assertThrows(DriverException.InvalidArgumentException.class,
                () -> commands(Map.of("environment", Map.of("1BAD", "x")), "true"));
        assertTrue(e.getMessage().contains("'1BAD' is not a variable name"), e.getMessage());
        assertTrue(assertThrows(DriverException.InvalidArgumentException.class,
                () -> commands(Map.of("timeout", -1), "true")).getMessage().contains("driver_args.timeout"));
        assertTrue(assertThrows(DriverException.InvalidArgumentException.class,
                () -> commands(Map.of("sudo", "yes"), "true")).getMessage().contains("driver_args.sudo must be true"));
        assertTrue(assertThrows(DriverException.InvalidArgumentException.class,
                () -> commands(Map.of("read_detached_task_logs", Map.of("task_id", "x; rm -rf /")))).getMessage()
                .contains("detached task id"));
        assertTrue(session.isOpen(), "a refused argument leaves the session as it was");
    }

    @Test
    void aDroppedConnectionIsAnEntryAndSkipsTheRest() throws Exception {
        simulator.device(0).dropSessions();
        List<CommandResult> results = commands(Map.of(), "hostname", "whoami");
        assertEquals(2, results.size());
        assertEquals(1, results.get(0).exitStatus());
        assertTrue(results.get(1).stderr().startsWith("Skipped due to exception"), results.get(1).stderr());
        assertFalse(session.isOpen());
        assertInstanceOf(String.class, results.get(0).stderr());
    }
}
