package dev.netpilot.driver.napalm;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.job.CommandResult;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The napalm driver against simulated Arista EOS, Junos and IOS XR devices: diff, dry run, commit, replace, rejected
 * lines, confirmed commits that roll back or are confirmed, getters. The simulator's timers run 30 times faster, so
 * a {@code revert_in} of 60 s rolls back after 2 s.
 */
class NapalmDriverTest {

    private static final List<String> PLATFORMS = List.of("arista_eos", "juniper_junos", "cisco_xr");
    private static final int DEVICES_PER_PLATFORM = 16;
    private static final Map<String, AtomicInteger> USED = new HashMap<>();
    private static DeviceSimulator simulator;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = DeviceSimulator.start(SimulatorConfig.builder().platform(String.join(",", PLATFORMS))
                .devices(PLATFORMS.size() * DEVICES_PER_PLATFORM).timeScale(30).build());
        PLATFORMS.forEach(p -> USED.put(p, new AtomicInteger()));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    /** A device of {@code platform} no other test has touched. */
    private static SimulatedDevice freshDevice(String platform) {
        int n = USED.get(platform).getAndIncrement();
        assertTrue(n < DEVICES_PER_PLATFORM, "more devices than DEVICES_PER_PLATFORM");
        return simulator.device(PLATFORMS.indexOf(platform) + n * PLATFORMS.size());
    }

    private static ConnectionSpec spec(SimulatedDevice device, String deviceType) {
        return ConnectionSpec.from(Map.of("device_type", deviceType, "host", device.host(), "port", device.port(),
                "username", "admin", "password", "admin", "secret", "secret"));
    }

    private static DeviceSession open(SimulatedDevice device) throws Exception {
        return result(new DeviceDrivers(PluginLoader.fromSystem()).byName("napalm").open(spec(device, device.platform())));
    }

    private static CommandResult config(DeviceSession session, SimulatedDevice device, List<String> lines,
                                        boolean dryRun, Map<String, Object> driverArgs) throws Exception {
        List<CommandResult> results = result(session.run(new DeviceJob("job-" + System.nanoTime(),
                spec(device, device.platform()), lines, true, false, false, dryRun,
                CommandOptions.fromDriverArgs(driverArgs), driverArgs, null, null)));
        assertEquals(1, results.size(), "one entry for a config job");
        return results.get(0);
    }

    private static List<CommandResult> commands(DeviceSession session, SimulatedDevice device, List<String> lines,
                                                Map<String, Object> driverArgs) throws Exception {
        return result(session.run(new DeviceJob("job-" + System.nanoTime(), spec(device, device.platform()), lines,
                false, false, false, false, CommandOptions.fromDriverArgs(driverArgs), driverArgs, null, null)));
    }

    /** A config line of the platform's syntax that sets an NTP server. */
    private static String ntp(String platform, String address) {
        return platform.equals("juniper_junos") ? "set system ntp server " + address : "ntp server " + address;
    }

    private static boolean hasNtp(SimulatedDevice device, String address) {
        return device.runningConfig().contains("ntp server " + address);
    }

    private static void assertAddedInDiff(CommandResult entry, String address) {
        String diff = entry.stdout().toString();
        // EOS "+ntp server A", XR "+  ntp server A", Junos "+   server A;" under "[edit system ntp]"
        assertTrue(Pattern.compile("(?m)^\\+.*server " + Pattern.quote(address)).matcher(diff).find(), diff);
        assertFalse(diff.contains("[edit]") || diff.contains("{master"), "no prompt context lines: " + diff);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arista_eos", "juniper_junos", "cisco_xr"})
    void aDryRunShowsTheDiffAndLeavesTheDeviceUnchanged(String platform) throws Exception {
        SimulatedDevice device = freshDevice(platform);
        String before = device.runningConfig();
        DeviceSession session = open(device);
        try {
            CommandResult entry = config(session, device, List.of(ntp(platform, "192.0.2.10")), true, Map.of());
            assertEquals(0, entry.exitStatus(), entry.stderr());
            assertAddedInDiff(entry, "192.0.2.10");
            assertEquals(false, entry.metadata().get("committed"));
            assertEquals(true, entry.metadata().get("discarded"));
            assertEquals(true, entry.metadata().get("changed"));
            assertEquals(before, device.runningConfig(), "a dry run never changes the device");

            // nothing was left behind: the same change again shows the same diff and commits cleanly
            CommandResult commit = config(session, device, List.of(ntp(platform, "192.0.2.10")), false, Map.of());
            assertEquals(comparable(entry), comparable(commit));
        } finally {
            result(session.close());
        }
    }

    /** A diff without what changes from one job to the next: XR's clock line, EOS' session name. */
    private static String comparable(CommandResult entry) {
        return entry.stdout().toString().replaceAll("(?m)^.*UTC\n|^\\+\\+\\+ session:.*\n", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arista_eos", "juniper_junos", "cisco_xr"})
    void aCommitChangesTheDevice(String platform) throws Exception {
        SimulatedDevice device = freshDevice(platform);
        DeviceSession session = open(device);
        try {
            CommandResult entry = config(session, device, List.of(ntp(platform, "192.0.2.11")), false,
                    Map.of("message", platform.equals("arista_eos") ? "" : "add ntp"));
            assertEquals(0, entry.exitStatus(), entry.stderr());
            assertAddedInDiff(entry, "192.0.2.11");
            assertEquals(true, entry.metadata().get("committed"));
            assertTrue(hasNtp(device, "192.0.2.11"), device.runningConfig());

            CommandResult again = config(session, device, List.of(ntp(platform, "192.0.2.11")), false, Map.of());
            assertEquals(false, again.metadata().get("changed"), "nothing left to change: " + again.stdout());
            assertEquals(false, again.metadata().get("committed"));
        } finally {
            result(session.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arista_eos", "juniper_junos", "cisco_xr"})
    void replaceInstallsTheWholeConfiguration(String platform) throws Exception {
        SimulatedDevice device = freshDevice(platform);
        String hostname = device.hostname();
        List<String> whole = platform.equals("juniper_junos")
                ? List.of("set system host-name " + hostname, "set system ntp server 192.0.2.12")
                : List.of("hostname " + hostname, "ntp server 192.0.2.12");
        assertTrue(device.runningConfig().contains("admin"), "the boot config has a user line");
        DeviceSession session = open(device);
        try {
            CommandResult entry = config(session, device, whole, false, Map.of("replace", true));
            assertEquals(0, entry.exitStatus(), entry.stderr());
            assertEquals(true, entry.metadata().get("committed"));
            assertTrue(hasNtp(device, "192.0.2.12"), device.runningConfig());
            assertFalse(device.runningConfig().contains("admin"), "replaced: " + device.runningConfig());
        } finally {
            result(session.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arista_eos", "juniper_junos", "cisco_xr"})
    void aRejectedLineDiscardsTheCandidate(String platform) throws Exception {
        SimulatedDevice device = freshDevice(platform);
        String before = device.runningConfig();
        String bad = platform.equals("juniper_junos") ? "set frobnicate 1" : "frobnicate";
        DeviceSession session = open(device);
        try {
            CommandResult entry = config(session, device, List.of(ntp(platform, "192.0.2.13"), bad), false, Map.of());
            assertEquals(1, entry.exitStatus());
            assertTrue(entry.stderr().startsWith("Device rejected '" + bad + "': "), entry.stderr());
            assertTrue(entry.stderr().endsWith("the candidate was discarded and the device left unchanged"),
                    entry.stderr());
            assertEquals(false, entry.metadata().get("committed"));
            assertEquals(before, device.runningConfig());

            // the session is back in exec mode, nothing pending: the next change goes through alone
            CommandResult next = config(session, device, List.of(ntp(platform, "192.0.2.14")), false, Map.of());
            assertEquals(0, next.exitStatus(), next.stderr());
            assertFalse(hasNtp(device, "192.0.2.13"), device.runningConfig());
            assertTrue(hasNtp(device, "192.0.2.14"), device.runningConfig());
        } finally {
            result(session.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arista_eos", "juniper_junos", "cisco_xr"})
    void aConfirmedCommitRollsBackUnlessConfirmed(String platform) throws Exception {
        SimulatedDevice device = freshDevice(platform);
        DeviceSession session = open(device);
        try {
            CommandResult entry = config(session, device, List.of(ntp(platform, "192.0.2.15")), false,
                    Map.of("revert_in", 60));
            assertEquals(0, entry.exitStatus(), entry.stderr());
            assertEquals(true, entry.metadata().get("committed"));
            assertEquals(60, entry.metadata().get("revert_in"));
            assertTrue(entry.metadata().containsKey("confirm_by"));
            assertTrue(hasNtp(device, "192.0.2.15"), "committed at once");
            await().atMost(Duration.ofSeconds(15)).until(() -> !hasNtp(device, "192.0.2.15"));
        } finally {
            result(session.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arista_eos", "juniper_junos", "cisco_xr"})
    void aConfirmedCommitThatIsConfirmedStays(String platform) throws Exception {
        SimulatedDevice device = freshDevice(platform);
        DeviceSession session = open(device);
        try {
            CommandResult entry = config(session, device, List.of(ntp(platform, "192.0.2.16")), false,
                    Map.of("revert_in", 60));
            assertEquals(0, entry.exitStatus(), entry.stderr());
            List<CommandResult> confirmed = commands(session, device, List.of("confirm_commit"), Map.of());
            assertEquals(0, confirmed.get(0).exitStatus(), confirmed.get(0).stderr());
            assertEquals(true, ((Map<?, ?>) confirmed.get(0).parsed()).get("confirm_commit"));
            // past the 2 s the rollback would have taken
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> hasNtp(device, "192.0.2.16"));
        } finally {
            result(session.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arista_eos", "juniper_junos", "cisco_xr"})
    void rollbackUndoesTheLastCommit(String platform) throws Exception {
        SimulatedDevice device = freshDevice(platform);
        DeviceSession session = open(device);
        try {
            String before = device.runningConfig();
            assertEquals(0, config(session, device, List.of(ntp(platform, "192.0.2.17")), false, Map.of()).exitStatus());
            assertNotEquals(before, device.runningConfig());
            CommandResult rollback = commands(session, device, List.of("rollback"), Map.of()).get(0);
            assertEquals(0, rollback.exitStatus(), rollback.stderr());
            assertFalse(hasNtp(device, "192.0.2.17"), device.runningConfig());
        } finally {
            result(session.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arista_eos", "juniper_junos", "cisco_xr"})
    void gettersReturnJsonWithNapalmsKeys(String platform) throws Exception {
        SimulatedDevice device = freshDevice(platform);
        DeviceSession session = open(device);
        try {
            List<CommandResult> results = commands(session, device, List.of("get_facts", "get_interfaces",
                    "get_config", "show version"), Map.of());
            results.forEach(r -> assertEquals(0, r.exitStatus(), r.command() + ": " + r.stderr()));

            Map<?, ?> facts = (Map<?, ?>) results.get(0).parsed();
            assertEquals(List.of("uptime", "vendor", "os_version", "serial_number", "model", "hostname", "fqdn",
                    "interface_list"), List.copyOf(facts.keySet()));
            assertEquals(device.hostname(), facts.get("hostname"));
            assertFalse(((List<?>) facts.get("interface_list")).isEmpty(), facts.toString());
            assertTrue(results.get(0).stdout().toString().startsWith("{\"uptime\":"), "JSON text in stdout");

            Map<?, ?> interfaces = (Map<?, ?>) results.get(1).parsed();
            Map<?, ?> first = (Map<?, ?>) interfaces.values().iterator().next();
            assertEquals(List.of("is_up", "is_enabled", "description", "last_flapped", "speed", "mtu", "mac_address"),
                    List.copyOf(first.keySet()));

            Map<?, ?> config = (Map<?, ?>) results.get(2).parsed();
            assertEquals(List.of("running", "startup", "candidate"), List.copyOf(config.keySet()));
            assertTrue(config.get("running").toString().contains(device.hostname()), config.toString());

            assertTrue(results.get(3).stdout() instanceof String, "other commands run as CLI text");
            assertTrue(results.get(3).stdout().toString().contains(facts.get("os_version").toString()),
                    results.get(3).stdout().toString());
        } finally {
            result(session.close());
        }
    }

    @Test
    void eosStartupConfigFollowsCommitsButNotDryRuns() throws Exception {
        SimulatedDevice device = freshDevice("arista_eos");
        DeviceSession session = open(device);
        try {
            config(session, device, List.of("ntp server 192.0.2.18"), true, Map.of());
            Map<?, ?> afterDryRun = (Map<?, ?>) commands(session, device, List.of("get_config"),
                    Map.of("retrieve", "startup")).get(0).parsed();
            assertFalse(afterDryRun.get("startup").toString().contains("192.0.2.18"));
            assertEquals("", afterDryRun.get("running"), "only what was asked");

            config(session, device, List.of("ntp server 192.0.2.18"), false, Map.of());
            Map<?, ?> afterCommit = (Map<?, ?>) commands(session, device, List.of("get_config"),
                    Map.of("retrieve", "startup")).get(0).parsed();
            assertTrue(afterCommit.get("startup").toString().contains("ntp server 192.0.2.18"), afterCommit.toString());
        } finally {
            result(session.close());
        }
    }

    @Test
    void onlyTheDocumentedGettersAndActionsRun() throws Exception {
        SimulatedDevice device = freshDevice("cisco_xr");
        DeviceSession session = open(device);
        try {
            String before = device.runningConfig();
            InvalidArgumentException refused = assertThrows(InvalidArgumentException.class,
                    () -> commands(session, device, List.of("get_facts", "commit_config"), Map.of()));
            assertTrue(refused.getMessage().contains("'commit_config' is not a napalm getter or action"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("get_facts, get_config, get_interfaces"), refused.getMessage());
            assertThrows(InvalidArgumentException.class,
                    () -> commands(session, device, List.of("get_config"), Map.of("retrieve", "everything")));
            assertEquals(before, device.runningConfig());
        } finally {
            result(session.close());
        }
    }

    @Test
    void argumentsAPlatformCannotHonourAreRefusedBeforeTheDeviceIsTouched() throws Exception {
        SimulatedDevice junos = freshDevice("juniper_junos");
        DeviceSession session = open(junos);
        try {
            InvalidArgumentException minutes = assertThrows(InvalidArgumentException.class, () -> config(session,
                    junos, List.of("set system ntp server 192.0.2.19"), false, Map.of("revert_in", 90)));
            assertTrue(minutes.getMessage().contains("whole number of minutes"), minutes.getMessage());
            assertFalse(hasNtp(junos, "192.0.2.19"));
        } finally {
            result(session.close());
        }
        SimulatedDevice eos = freshDevice("arista_eos");
        DeviceSession eosSession = open(eos);
        try {
            InvalidArgumentException message = assertThrows(InvalidArgumentException.class, () -> config(eosSession,
                    eos, List.of("ntp server 192.0.2.19"), false, Map.of("message", "why")));
            assertTrue(message.getMessage().contains("driver_args.message is not supported on arista_eos"));
        } finally {
            result(eosSession.close());
        }
    }

    @Test
    void napalmDeviceTypesAndOptionalArgsWorkAndOtherPlatformsAreRefused() throws Exception {
        SimulatedDevice device = freshDevice("arista_eos");
        // NAPALM's own form: port and the enable secret in optional_args
        ConnectionSpec napalmStyle = ConnectionSpec.from(Map.of("device_type", "eos", "host", device.host(),
                "username", "admin", "password", "admin",
                "optional_args", Map.of("port", device.port(), "secret", "secret")));
        DeviceSession session = result(new NapalmDriver().open(napalmStyle));
        try {
            assertEquals(0, commands(session, device, List.of("get_facts"), Map.of()).get(0).exitStatus());
        } finally {
            result(session.close());
        }
        Exception refused = assertThrows(Exception.class,
                () -> result(new NapalmDriver().open(spec(device, "ios"))));
        assertInstanceOf(InvalidArgumentException.class, refused);
        assertTrue(refused.getMessage().contains("use one of eos (arista_eos), junos (juniper_junos), iosxr (cisco_xr)"),
                refused.getMessage());
    }

    static <T> T result(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
