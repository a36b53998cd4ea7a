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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSH CLI driver against the simulator's cisco_ios devices, over real SSH on loopback. */
class SshCliDriverTest {

    private static DeviceSimulator simulator;
    private final SshCliDriver driver = new SshCliDriver();

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = DeviceSimulator.start(SimulatorConfig.builder().devices(2).build());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    static Map<String, Object> args(SimulatedDevice device) {
        Map<String, Object> args = new HashMap<>();
        args.put("device_type", "cisco_ios");
        args.put("host", device.host());
        args.put("port", device.port());
        args.put("username", "admin");
        args.put("password", "admin");
        args.put("secret", "secret");
        return args;
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private DeviceSession open(Map<String, Object> args) throws Exception {
        return await(driver.open(ConnectionSpec.from(args)));
    }

    @Test
    void factsTellThePromptThePlatformAndTheSshBanner() throws Exception {
        SimulatedDevice device = simulator.device(1);
        DeviceSession session = open(args(device));
        try {
            Map<String, Object> facts = session.facts();
            assertEquals(device.hostname() + ">", facts.get("prompt"), facts.toString());
            assertEquals("cisco_ios", facts.get("device_type"));
            assertEquals("SSH-2.0-Cisco-1.25", facts.get("remote_version"));
            await(session.enable());
            assertEquals(device.hostname() + "#", session.facts().get("prompt"));
        } finally {
            await(session.close());
        }
    }

    @Test
    void showVersionOnAKeptSession() throws Exception {
        SimulatedDevice device = simulator.device(0);
        DeviceSession session = open(args(device));
        try {
            for (int i = 0; i < 3; i++) {
                CommandResult result = await(session.send("show version", CommandOptions.defaults()));
                assertEquals(0, result.exitStatus(), result.stderr());
                String output = (String) result.stdout();
                assertTrue(output.contains("Cisco IOS"), output);
                assertTrue(output.contains(device.hostname() + " uptime is"), output);
                assertFalse(output.startsWith("show version"), "the echo must be stripped: " + output);
                assertFalse(output.contains(device.hostname() + ">"), "the prompt must be stripped: " + output);
                assertFalse(output.contains("\r") || output.contains("\u001b"), "output must be clean text");
                assertEquals(device.host(), result.metadata().get("host"));
            }
            assertEquals(1, device.activeSessions(), "one login serves every command");
        } finally {
            await(session.close());
        }
    }

    @Test
    void aProbeSucceedsOnALiveSessionAndFailsOnADroppedOne() throws Exception {
        SimulatedDevice device = simulator.device(0);
        DeviceSession session = open(args(device));
        await(session.probe(Duration.ofSeconds(5)));
        device.dropSessions();
        assertThrows(DriverException.class, () -> await(session.probe(Duration.ofSeconds(5))));
        assertFalse(session.isOpen());
        await(session.close());
    }

    @Test
    void anUnknownCommandIsAnErrorEntryWithTheDevicesText() throws Exception {
        DeviceSession session = open(args(simulator.device(0)));
        try {
            CommandResult result = await(session.send("show bogus", CommandOptions.defaults()));
            assertEquals(1, result.exitStatus());
            assertTrue(result.stderr().contains("% Invalid input detected at '^' marker."), result.stderr());
            assertTrue(result.stderr().startsWith("show bogus\n"), "the error names the command: " + result.stderr());
            CommandResult next = await(session.send("show clock", CommandOptions.defaults()));
            assertEquals(0, next.exitStatus(), "the session keeps working after a rejected command");
        } finally {
            await(session.close());
        }
    }

    @Test
    void aWrongPasswordSaysSo() {
        Map<String, Object> args = args(simulator.device(0));
        args.put("password", "wrong");
        DriverException e = assertThrows(DriverException.AuthenticationException.class, () -> open(args));
        assertTrue(e.getMessage().contains("authentication failed for user 'admin'"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "the message must not echo the password");
    }

    @Test
    void aClosedPortSaysConnectionRefused() throws Exception {
        Map<String, Object> args = args(simulator.device(0));
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        args.put("port", closedPort);
        DriverException e = assertThrows(DriverException.DeviceConnectionException.class, () -> open(args));
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void anUnknownDeviceTypeListsTheSupportedOnes() {
        Map<String, Object> args = args(simulator.device(0));
        args.put("device_type", "cisco_ioz");
        DriverException e = assertThrows(DriverException.InvalidArgumentException.class, () -> open(args));
        assertTrue(e.getMessage().contains("cisco_ios"), e.getMessage());
    }

    @Test
    void enableUnlocksPrivilegedCommands() throws Exception {
        SimulatedDevice device = simulator.device(1);
        DeviceSession session = open(args(device));
        try {
            assertEquals(1, await(session.send("show running-config", CommandOptions.defaults())).exitStatus(),
                    "user exec mode cannot show the running config");
            await(session.enable());
            CommandResult config = await(session.send("show running-config", CommandOptions.defaults()));
            assertEquals(0, config.exitStatus(), config.stderr());
            assertTrue(config.stdout().toString().contains("hostname " + device.hostname()), config.stdout().toString());
        } finally {
            await(session.close());
        }
    }

    @Test
    void aWrongEnableSecretIsRefusedClearly() throws Exception {
        Map<String, Object> args = args(simulator.device(1));
        args.put("secret", "not-it");
        DeviceSession session = open(args);
        try {
            DriverException e = assertThrows(DriverException.PrivilegeException.class, () -> await(session.enable()));
            assertTrue(e.getMessage().contains("check connection_args.secret"), e.getMessage());
            assertFalse(e.getMessage().contains("not-it"), "the message must not echo the secret");
            assertEquals(0, await(session.send("show clock", CommandOptions.defaults())).exitStatus());
        } finally {
            await(session.close());
        }
    }

    @Test
    void configLinesChangeTheDeviceAndStopAtTheFirstError() throws Exception {
        SimulatedDevice device = simulator.device(1);
        DeviceSession session = open(args(device));
        try {
            List<CommandResult> results = await(session.sendConfig(List.of(
                    "ntp server 192.0.2.10", "interface GigabitEthernet0/1", "description uplink-to-core",
                    "frobnicate everything", "ntp server 192.0.2.11"), CommandOptions.defaults(), true));
            assertEquals(5, results.size());
            assertEquals(0, results.get(0).exitStatus());
            assertEquals(0, results.get(2).exitStatus());
            assertEquals(1, results.get(3).exitStatus());
            assertTrue(results.get(3).stderr().startsWith("Device reported configuration error: % Invalid input"),
                    results.get(3).stderr());
            assertEquals("Skipped due to previous error in execution of 'frobnicate everything'",
                    results.get(4).stderr());
            String running = device.runningConfig();
            assertTrue(running.contains("ntp server 192.0.2.10"), running);
            assertTrue(running.contains("description uplink-to-core"), running);
            assertFalse(running.contains("192.0.2.11"), "lines after the error are not sent");
            CommandResult show = await(session.send("show clock", CommandOptions.defaults()));
            assertEquals(0, show.exitStatus(), "config mode is always left");
        } finally {
            await(session.close());
        }
    }

    @Test
    void configIsSavedWhenAsked() throws Exception {
        DeviceSession session = open(args(simulator.device(1)));
        try {
            List<CommandResult> results = await(session.sendConfig(List.of("logging host 192.0.2.50"),
                    CommandOptions.defaults(), true));
            assertEquals(1, results.size());
            assertEquals(0, results.get(0).exitStatus(), results.get(0).stderr());
            assertTrue(results.get(0).stdout().toString().contains("[OK]"), results.get(0).stdout().toString());
            CommandResult startup = await(session.send("show startup-config", CommandOptions.defaults()));
            assertTrue(startup.stdout().toString().contains("logging host 192.0.2.50"), startup.stdout().toString());
        } finally {
            await(session.close());
        }
    }

    @Test
    void aSlowDeviceHitsTheReadTimeoutWithAClearMessage() throws Exception {
        try (DeviceSimulator slow = DeviceSimulator.start(SimulatorConfig.builder()
                .latency(Duration.ofMillis(1500)).build())) {
            DeviceSession session = await(driver.open(ConnectionSpec.from(args(slow.device(0)))));
            try {
                DriverException e = assertThrows(DriverException.CommandTimeoutException.class, () -> await(
                        session.send("show version", new CommandOptions(Duration.ofMillis(200), null))));
                assertTrue(e.getMessage().contains("did not answer 'show version' within 0.2 s"), e.getMessage());
            } finally {
                await(session.close());
            }
        }
    }

    @Test
    void expectStringEndsTheReadInsteadOfThePrompt() throws Exception {
        DeviceSession session = open(args(simulator.device(0)));
        try {
            CommandResult result = await(session.send("show version",
                    new CommandOptions(CommandOptions.DEFAULT_READ_TIMEOUT, java.util.regex.Pattern.compile("uptime is"))));
            assertEquals(0, result.exitStatus());
            assertInstanceOf(String.class, result.stdout());
        } finally {
            await(session.close());
        }
    }
}
