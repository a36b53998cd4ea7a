package dev.netpilot.driver.cli;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.job.CommandResult;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every CLI platform against its simulator personality over real SSH: show commands, a config push that works,
 * one that hits the vendor's error marker, escalation, save or commit, and the pager when paging stays on.
 */
class PlatformsTest {

    /**
     * What one platform is tested with.
     *
     * @param config       two lines that the device accepts; {@code expected} shows in its running config afterwards
     * @param badLine      a line the device rejects with its error marker
     * @param saved        text the save or commit adds to the last entry's output ("" when the device says nothing)
     * @param privileged   a command that needs the level {@code enable()} reaches, and text its output shows
     * @param longShow     a command whose output pages (null: the platform has no pager)
     */
    record Case(String platform, String secret, String show, String showText, List<String> config,
                List<String> expected, String badLine, String saved, String privileged, String privilegedText,
                String longShow, boolean commits) {
        @Override
        public String toString() {
            return platform;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("cisco_nxos", "secret", "show version", "NXOS: version 9.3(8)",
                    List.of("ntp server 192.0.2.1", "interface Ethernet1/2"), List.of("ntp server 192.0.2.1"),
                    "frobnicate everything", "Copy complete.", "show running-config", "feature ssh",
                    "show running-config", false),
            new Case("cisco_xr", "secret", "show version", "Cisco IOS XR Software, Version 7.3.2",
                    List.of("ntp server 192.0.2.1", "interface GigabitEthernet0/0/0/2"), List.of("ntp server 192.0.2.1"),
                    "frobnicate everything", "", "show running-config", "!! IOS XR Configuration",
                    "show running-config", true),
            new Case("arista_eos", "secret", "show version", "Software image version: 4.28.0F",
                    List.of("ntp server 192.0.2.1", "logging host 192.0.2.9"), List.of("ntp server 192.0.2.1"),
                    "frobnicate everything", "Copy completed successfully.", "show running-config",
                    "! device: ", "show running-config", false),
            new Case("juniper_junos", null, "show version", "Junos: 21.4R3.15",
                    List.of("set system ntp server 192.0.2.1", "set system domain-name lab.example"),
                    List.of("set system ntp server 192.0.2.1"), "set frobnicate everything", "commit complete",
                    "show configuration", "host-name", "show configuration", true),
            new Case("huawei", null, "display version", "VRP (R) software, Version 5.170",
                    List.of("ntp-service unicast-server 192.0.2.1", "info-center loghost 192.0.2.9"),
                    List.of("ntp-service unicast-server 192.0.2.1"), "frobnicate everything",
                    "Save the configuration successfully.", "display current-configuration", "sysname",
                    "display current-configuration", false),
            new Case("huawei_vrpv8", null, "display version", "VRP (R) software, Version 8.210",
                    List.of("ntp-service unicast-server 192.0.2.1", "info-center loghost 192.0.2.9"),
                    List.of("ntp-service unicast-server 192.0.2.1"), "frobnicate everything", "",
                    "display current-configuration", "sysname", "display current-configuration", true),
            new Case("hp_comware", "secret", "display version", "H3C Comware Software, Version 7.1.064",
                    List.of("ntp-service unicast-server 192.0.2.1", "info-center loghost 192.0.2.9"),
                    List.of("ntp-service unicast-server 192.0.2.1"), "frobnicate everything",
                    "Saved the current configuration", "display current-configuration", "sysname",
                    "display current-configuration", false),
            new Case("linux", "admin", "uname -a", "GNU/Linux",
                    List.of("echo 'nameserver 192.0.2.53' > /etc/resolv.conf", "echo 'search lab' >> /etc/resolv.conf"),
                    List.of("nameserver 192.0.2.53", "search lab"), "frobnicate everything", "", "whoami", "root",
                    null, false));

    /** Devices per platform: each test changes its own device. */
    private static final int DEVICES_PER_PLATFORM = 6;
    private static DeviceSimulator simulator;
    private static DeviceSimulator pagingSimulator;

    @BeforeAll
    static void startSimulators() throws Exception {
        String all = String.join(",", CASES.stream().map(Case::platform).toList());
        simulator = DeviceSimulator.start(SimulatorConfig.builder().platform(all)
                .devices(CASES.size() * DEVICES_PER_PLATFORM).build());
        pagingSimulator = DeviceSimulator.start(SimulatorConfig.builder().platform(all).devices(CASES.size())
                .interfaces(40).pagingLocked(true).build());
    }

    @AfterAll
    static void stopSimulators() {
        simulator.close();
        pagingSimulator.close();
    }

    /** Shorter than the driver's 30 s read timeout, so that a hang fails fast; the simulator answers in ms. */
    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    /** The {@code n}th device (0-based) of a platform. */
    private static SimulatedDevice device(DeviceSimulator sim, Case c, int n) {
        SimulatedDevice device = sim.device(CASES.indexOf(c) + n * CASES.size());
        assertEquals(c.platform(), device.platform());
        return device;
    }

    private static DeviceSession open(SimulatedDevice device, Case c) throws Exception {
        Map<String, Object> args = new java.util.HashMap<>(Map.of("device_type", c.platform(), "host", device.host(),
                "port", device.port(), "username", "admin", "password", "admin"));
        if (c.secret() != null) {
            args.put("secret", c.secret());
        }
        return await(new SshCliDriver().open(ConnectionSpec.from(args)));
    }

    private static void assertClean(String output, String command) {
        assertFalse(output.contains("\r") || output.contains("\u001b") || output.contains("\b"),
                "no escapes or carriage returns: " + output);
        assertFalse(output.contains("More") || output.contains("---(more") || output.contains("{master"),
                "no pager or context leftovers: " + output);
        assertFalse(output.lines().findFirst().orElse("").strip().equals(command), "the echo is stripped: " + output);
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        assertFalse(last.matches(".*(?:[>#$]|\\])\\s*") && last.contains("sim-"), "the prompt is stripped: " + last);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void showCommandsGiveCleanOutput(Case c) throws Exception {
        DeviceSession session = open(device(simulator, c, 0), c);
        try {
            for (int i = 0; i < 2; i++) {
                CommandResult result = await(session.send(c.show(), CommandOptions.defaults()));
                assertEquals(0, result.exitStatus(), result.stderr());
                String output = (String) result.stdout();
                assertTrue(output.contains(c.showText()), output);
                assertClean(output, c.show());
            }
            CommandResult bad = await(session.send("frobnicate", CommandOptions.defaults()));
            assertEquals(1, bad.exitStatus(), "the vendor's error marker makes it a failure: " + bad.stderr());
        } finally {
            await(session.close());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aConfigPushChangesTheRunningConfig(Case c) throws Exception {
        SimulatedDevice device = device(simulator, c, 1);
        DeviceSession session = open(device, c);
        try {
            List<CommandResult> results = await(session.sendConfig(c.config(), CommandOptions.defaults(), false));
            assertEquals(c.config().size(), results.size());
            results.forEach(r -> assertEquals(0, r.exitStatus(), r.command() + ": " + r.stderr()));
            for (String expected : c.expected()) {
                assertTrue(device.runningConfig().contains(expected), device.runningConfig());
            }
            CommandResult after = await(session.send(c.show(), CommandOptions.defaults()));
            assertTrue(after.stdout().toString().contains(c.showText()), "config mode was left: " + after.stdout());
        } finally {
            await(session.close());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRejectedLineStopsThePushAndSkipsTheRest(Case c) throws Exception {
        SimulatedDevice device = device(simulator, c, 2);
        DeviceSession session = open(device, c);
        try {
            List<String> lines = List.of(c.config().get(0), c.badLine(), c.config().get(1));
            List<CommandResult> results = await(session.sendConfig(lines, CommandOptions.defaults(), true));
            assertEquals(3, results.size(), results.toString());
            assertEquals(0, results.get(0).exitStatus(), results.get(0).stderr());
            assertEquals(1, results.get(1).exitStatus());
            assertTrue(results.get(1).stderr().startsWith("Device reported configuration error: "),
                    results.get(1).stderr());
            assertEquals("Skipped due to previous error in execution of '" + c.badLine() + "'",
                    results.get(2).stderr());
            String running = device.runningConfig();
            assertEquals(!c.commits(), running.contains(c.expected().get(0)),
                    "platforms that commit keep nothing of a failed push; the others keep the lines before the error: "
                            + running);
            // the next push starts clean: nothing uncommitted stayed behind
            List<CommandResult> next = await(session.sendConfig(List.of(c.config().get(1)), CommandOptions.defaults(),
                    false));
            assertEquals(0, next.get(0).exitStatus(), next.get(0).stderr());
            assertEquals(!c.commits(), device.runningConfig().contains(c.expected().get(0)), device.runningConfig());
        } finally {
            await(session.close());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void enableReachesThePrivilegedLevel(Case c) throws Exception {
        DeviceSession session = open(device(simulator, c, 3), c);
        try {
            await(session.enable());
            await(session.enable()); // a second enable is a no-op
            CommandResult result = await(session.send(c.privileged(), CommandOptions.defaults()));
            assertEquals(0, result.exitStatus(), result.stderr());
            assertTrue(result.stdout().toString().contains(c.privilegedText()), result.stdout().toString());
        } finally {
            await(session.close());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void saveOrCommitMakesTheChangeStick(Case c) throws Exception {
        SimulatedDevice device = device(simulator, c, 4);
        DeviceSession session = open(device, c);
        try {
            List<CommandResult> results = await(session.sendConfig(c.config(), CommandOptions.defaults(), true));
            assertEquals(c.config().size(), results.size(), results.toString());
            CommandResult last = results.get(results.size() - 1);
            assertEquals(0, last.exitStatus(), last.stderr());
            assertTrue(last.stdout().toString().contains(c.saved()), last.stdout().toString());
            assertTrue(device.runningConfig().contains(c.expected().get(0)), device.runningConfig());
        } finally {
            await(session.close());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void thePagerIsAnsweredAndErasedWhenPagingStaysOn(Case c) throws Exception {
        assumeTrue(c.longShow() != null, "a shell does not page");
        SimulatedDevice device = device(pagingSimulator, c, 0);
        DeviceSession session = open(device, c);
        try {
            await(session.enable());
            CommandResult result = await(session.send(c.longShow(), CommandOptions.defaults()));
            assertEquals(0, result.exitStatus(), result.stderr());
            String output = (String) result.stdout();
            assertClean(output, c.longShow());
            assertTrue(output.lines().count() > 40, "long enough to page: " + output.lines().count());
            assertTrue(output.contains(device.hostname()) && Pattern.compile("[A-Za-z/]39\\b").matcher(output).find(),
                    "every page arrived, up to interface 39: " + output);
            assertTrue(output.lines().noneMatch(l -> l.isBlank() && l.length() > 10), "no blanked-out marker lines");
        } finally {
            await(session.close());
        }
    }
}
