package dev.netpilot.driver.cli;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.job.CommandResult;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.netpilot.driver.cli.PlatformsTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** commit_confirm, expect_map and error_pattern against simulated devices. */
class ConfigAndCommandOptionsTest {

    private static final List<String> PLATFORMS = List.of("cisco_ios", "cisco_xr", "juniper_junos", "huawei", "linux");
    private static DeviceSimulator simulator;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = DeviceSimulator.start(SimulatorConfig.builder().platform(String.join(",", PLATFORMS))
                .devices(PLATFORMS.size() * 3).timeScale(30).build()); // device timers: 30 s pass in 1 s
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    private static SimulatedDevice device(String platform, int n) {
        return simulator.device(PLATFORMS.indexOf(platform) + n * PLATFORMS.size());
    }

    private static DeviceSession open(SimulatedDevice device) throws Exception {
        Map<String, Object> args = new HashMap<>(Map.of("device_type", device.platform(), "host", device.host(),
                "port", device.port(), "username", "admin", "password", "admin",
                "secret", device.platform().equals("linux") ? "admin" : "secret"));
        return await(new SshCliDriver().open(ConnectionSpec.from(args)));
    }

    private static CommandOptions options(Map<String, Object> driverArgs) {
        return CommandOptions.fromDriverArgs(driverArgs);
    }

    @Test
    void aConfirmedCommitRollsBackUnlessConfirmed() throws Exception {
        SimulatedDevice device = device("cisco_xr", 0);
        DeviceSession session = open(device);
        try {
            List<CommandResult> results = await(session.sendConfig(List.of("ntp server 192.0.2.71"),
                    options(Map.of("commit_confirm", 30)), false)); // XR's minimum
            assertEquals(0, results.get(0).exitStatus(), results.get(0).stderr());
            assertTrue(device.runningConfig().contains("ntp server 192.0.2.71"), "committed at once");
            waitUntil(() -> !device.runningConfig().contains("ntp server 192.0.2.71"), "rolled back after 1 s");

            await(session.sendConfig(List.of("ntp server 192.0.2.72"), options(Map.of("commit_confirm", 30)), false));
            // a plain commit within the delay confirms the one before
            await(session.sendConfig(List.of("ntp server 192.0.2.73"), CommandOptions.defaults(), false));
            // past the (scaled) second the rollback would have taken: both stay
            org.awaitility.Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> device.runningConfig().contains("ntp server 192.0.2.72")
                            && device.runningConfig().contains("ntp server 192.0.2.73"));
        } finally {
            await(session.close());
        }
    }

    @Test
    void junosCommitsConfirmedInMinutes() throws Exception {
        SimulatedDevice device = device("juniper_junos", 0);
        DeviceSession session = open(device);
        try {
            List<CommandResult> results = await(session.sendConfig(List.of("set system ntp server 192.0.2.81"),
                    options(Map.of("commit_confirm", 90)), false));
            String stdout = results.get(0).stdout().toString();
            assertTrue(stdout.contains("rolled back in 2 minutes unless confirmed") && stdout.contains("commit complete"),
                    "90 s round up to Junos' 2 minutes: " + stdout);
            assertTrue(device.runningConfig().contains("set system ntp server 192.0.2.81"));
        } finally {
            await(session.close());
        }
    }

    @Test
    void commitConfirmOnAPlatformThatDoesNotCommitIsRefused() throws Exception {
        DeviceSession session = open(device("huawei", 0));
        try {
            DriverException e = assertThrows(DriverException.InvalidArgumentException.class, () -> await(
                    session.sendConfig(List.of("sysname x"), options(Map.of("commit_confirm", 60)), false)));
            assertTrue(e.getMessage().contains("commit_confirm needs a platform that commits"), e.getMessage());
        } finally {
            await(session.close());
        }
    }

    @Test
    void expectMapAnswersTheDevicesQuestions() throws Exception {
        DeviceSession ios = open(device("cisco_ios", 0));
        try {
            await(ios.enable());
            CommandResult copy = await(ios.send("copy running-config startup-config",
                    options(Map.of("expect_map", Map.of("Destination filename \\[startup-config\\]\\?", "")))));
            assertEquals(0, copy.exitStatus(), copy.stderr());
            assertTrue(copy.stdout().toString().contains("[OK]"), copy.stdout().toString());
        } finally {
            await(ios.close());
        }
        DeviceSession huawei = open(device("huawei", 1));
        try {
            CommandResult save = await(huawei.send("save", options(Map.of("expect_map", Map.of("\\[Y/N\\]:", "y")))));
            assertTrue(save.stdout().toString().contains("Save the configuration successfully."),
                    save.stdout().toString());
        } finally {
            await(huawei.close());
        }
    }

    @Test
    void errorPatternReplacesThePlatformsMarkers() throws Exception {
        SimulatedDevice device = device("linux", 0);
        DeviceSession session = open(device);
        try {
            CommandOptions failWord = options(Map.of("error_pattern", "FAILED"));
            List<CommandResult> results = await(session.sendConfig(List.of("echo step one", "echo step two FAILED",
                    "echo step three"), failWord, false));
            assertEquals(List.of(0, 1, 1), results.stream().map(CommandResult::exitStatus).toList());
            assertEquals("Device reported configuration error: step two FAILED", results.get(1).stderr());
            assertEquals("Skipped due to previous error in execution of 'echo step two FAILED'",
                    results.get(2).stderr());
            CommandResult missing = await(session.send("cat /nonexistent", failWord));
            assertEquals(0, missing.exitStatus(), "the caller's pattern replaces 'No such file or directory'");
            CommandResult flagged = await(session.send("uname -a", options(Map.of("error_pattern", "GNU/Linux$"))));
            assertEquals(1, flagged.exitStatus());
        } finally {
            await(session.close());
        }
    }

    @Test
    void linuxEscalatesWithSudoAndKeepsExitCodes() throws Exception {
        SimulatedDevice device = device("linux", 1);
        DeviceSession session = open(device);
        try {
            CommandResult denied = await(session.send("echo x > /etc/motd", CommandOptions.defaults()));
            assertEquals(1, denied.exitStatus(), "writing /etc needs root");
            assertEquals("1", await(session.send("echo $?", CommandOptions.defaults())).stdout());
            await(session.enable());
            assertEquals("root", await(session.send("whoami", CommandOptions.defaults())).stdout());
            CommandResult notFound = await(session.send("frobnicate", CommandOptions.defaults()));
            assertTrue(notFound.stderr().contains("-bash: frobnicate: command not found"), notFound.stderr());
            assertEquals("127", await(session.send("echo $?", CommandOptions.defaults())).stdout());
        } finally {
            await(session.close());
        }
    }

    @Test
    void aWrongSudoPasswordIsRefusedClearly() throws Exception {
        SimulatedDevice device = device("linux", 2);
        Map<String, Object> args = new HashMap<>(Map.of("device_type", "linux", "host", device.host(),
                "port", device.port(), "username", "admin", "password", "admin", "secret", "wrong"));
        DeviceSession session = await(new SshCliDriver().open(ConnectionSpec.from(args)));
        try {
            DriverException e = assertThrows(DriverException.PrivilegeException.class, () -> await(session.enable()));
            assertTrue(e.getMessage().contains("check connection_args.secret")
                    && e.getMessage().contains("incorrect password attempts"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong"));
            assertEquals("admin", await(session.send("whoami", CommandOptions.defaults())).stdout());
        } finally {
            await(session.close());
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s: " + what);
            Thread.sleep(50);
        }
    }
}
