package dev.netpilot.driver.eapi;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.job.CommandResult;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pyeapi driver against simulated Arista switches over real HTTP and HTTPS. */
class EapiDriverTest {

    private static DeviceSimulator http;
    private static DeviceSimulator https;
    private static Path caFile;
    private final DeviceDriver driver = new DeviceDrivers(PluginLoader.fromSystem()).byName("pyeapi");

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        http = DeviceSimulator.start(SimulatorConfig.builder().devices(8).platform("arista_eos").eapi("http").build());
        https = DeviceSimulator.start(SimulatorConfig.builder().devices(2).platform("arista_eos").build());
        caFile = Files.writeString(dir.resolve("simulator-ca.pem"), https.eapiCertificatePem());
    }

    @AfterAll
    static void stop() {
        http.close();
        https.close();
    }

    private static Map<String, Object> args(SimulatedDevice device, String transport) {
        Map<String, Object> args = new HashMap<>(Map.of("host", device.host(), "port", device.eapiPort(),
                "transport", transport, "username", "admin", "password", "admin", "secret", "secret"));
        return args;
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private List<CommandResult> run(Map<String, Object> args, List<String> lines, boolean config, boolean enable,
                                    boolean save, Map<String, Object> driverArgs) throws Exception {
        ConnectionSpec spec = ConnectionSpec.from(args);
        DeviceSession session = await(driver.open(spec));
        try {
            return await(session.run(new DeviceJob("job-1", spec, lines, config, enable, save, false,
                    CommandOptions.defaults(), driverArgs, null, null)));
        } finally {
            await(session.close());
        }
    }

    private List<CommandResult> commands(Map<String, Object> args, String... lines) throws Exception {
        return run(args, List.of(lines), false, false, false, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stdout(CommandResult entry) {
        return (Map<String, Object>) entry.stdout();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(CommandResult entry) {
        return (Map<String, Object>) stdout(entry).get("result");
    }

    @Test
    void commandsGiveOneEntryEachWithTheEapiResultObject() throws Exception {
        SimulatedDevice device = http.device(0);
        List<CommandResult> results = commands(args(device, "http"), "show version", "show hostname");
        assertEquals(2, results.size());
        CommandResult version = results.get(0);
        assertEquals(0, version.exitStatus(), version.stderr());
        assertEquals("show version", version.command());
        assertEquals("show version", stdout(version).get("command"));
        assertEquals("json", stdout(version).get("encoding"));
        assertEquals("vEOS-lab", result(version).get("modelName"));
        assertEquals("4.28.0F", result(version).get("version"));
        assertEquals(device.host(), version.metadata().get("host"));
        assertEquals(device.hostname(), result(results.get(1)).get("hostname"));
    }

    @Test
    void textEncodingGivesTheCliOutput() throws Exception {
        List<CommandResult> results = run(args(http.device(0), "http"), List.of("show version"), false, false, false,
                Map.of("encoding", "text"));
        assertEquals("text", stdout(results.get(0)).get("encoding"));
        assertTrue(result(results.get(0)).get("output").toString().contains("Software image version: 4.28.0F"));
    }

    @Test
    void aCommandWithoutJsonFormIsRunAgainAsText() throws Exception {
        List<CommandResult> results = commands(args(http.device(0), "http"), "show hostname", "show clock",
                "show version");
        assertEquals(List.of(0, 0, 0), results.stream().map(CommandResult::exitStatus).toList());
        assertEquals("text", stdout(results.get(1)).get("encoding"));
        assertTrue(result(results.get(1)).get("output").toString().contains("UTC"));
        assertEquals("json", stdout(results.get(2)).get("encoding"));
    }

    @Test
    void enableModeSendsEnableWithTheSecret() throws Exception {
        SimulatedDevice device = http.device(1);
        CommandResult denied = commands(args(device, "http"), "show running-config").get(0);
        assertEquals(1, denied.exitStatus());
        assertTrue(denied.stderr().contains("privileged mode required"), denied.stderr());

        List<CommandResult> enabled = run(args(device, "http"), List.of("show running-config"), false, true, false,
                Map.of("encoding", "text"));
        assertEquals(0, enabled.get(0).exitStatus(), enabled.get(0).stderr());
        assertTrue(result(enabled.get(0)).get("output").toString().contains("hostname " + device.hostname()));

        Map<String, Object> wrongSecret = args(device, "http");
        wrongSecret.put("secret", "not-the-secret");
        List<CommandResult> refused = run(wrongSecret, List.of("show running-config", "show version"), false, true,
                false, Map.of());
        assertEquals(2, refused.size());
        assertEquals(1, refused.get(0).exitStatus());
        assertTrue(refused.get(0).stderr().contains("'enable' failed"), refused.get(0).stderr());
        assertTrue(refused.get(0).stderr().contains("connection_args.secret"));
        assertFalse(refused.get(0).stderr().contains("not-the-secret"));
        assertTrue(refused.get(1).stderr().startsWith("Skipped"));
    }

    @Test
    void configIsOneEntryAndSaveWritesMemory() throws Exception {
        SimulatedDevice device = http.device(2);
        List<String> lines = List.of("interface Ethernet3", "description uplink to core", "ntp server 192.0.2.1");
        List<CommandResult> results = run(args(device, "http"), lines, true, false, true, Map.of());
        assertEquals(1, results.size());
        CommandResult entry = results.get(0);
        assertEquals(0, entry.exitStatus(), entry.stderr());
        assertEquals(String.join("\n", lines), entry.command());
        assertEquals(4, ((List<?>) entry.stdout()).size()); // three lines and write memory
        assertTrue(device.runningConfig().contains("  description uplink to core\n"));
        assertTrue(device.runningConfig().contains("ntp server 192.0.2.1"));

        CommandResult startup = run(args(device, "http"), List.of("show startup-config"), false, true, false,
                Map.of("encoding", "text")).get(0);
        assertTrue(result(startup).get("output").toString().contains("ntp server 192.0.2.1"));
    }

    @Test
    void aRejectedConfigLineIsNamedWithTheLinesNotApplied() throws Exception {
        SimulatedDevice device = http.device(3);
        List<CommandResult> results = run(args(device, "http"),
                List.of("ntp server 192.0.2.7", "bogus line", "ntp server 192.0.2.8"), true, false, true, Map.of());
        CommandResult entry = results.get(0);
        assertEquals(1, entry.exitStatus());
        assertTrue(entry.stderr().startsWith("Error [1002]: CLI command 4 of 7 'bogus line' failed: invalid command"),
                entry.stderr());
        assertTrue(entry.stderr().contains("not applied: ntp server 192.0.2.8"), entry.stderr());
        assertEquals(1, ((List<?>) entry.stdout()).size());
        assertTrue(device.runningConfig().contains("ntp server 192.0.2.7"));
        assertFalse(device.runningConfig().contains("ntp server 192.0.2.8"));
    }

    @Test
    void anInvalidCommandFailsItsEntryAndSkipsTheRest() throws Exception {
        List<CommandResult> results = commands(args(http.device(0), "http"), "show hostname", "show bogus",
                "show version");
        assertEquals(List.of(0, 1, 1), results.stream().map(CommandResult::exitStatus).toList());
        assertEquals("Error [1002]: CLI command 2 of 3 'show bogus' failed: invalid command [Invalid input]",
                results.get(1).stderr());
        assertEquals("Skipped due to exception in execution of 'show bogus'", results.get(2).stderr());
    }

    @Test
    void aWrongPasswordSaysToCheckTheCredentials() throws Exception {
        Map<String, Object> args = args(http.device(0), "http");
        args.put("password", "wrong-password");
        List<CommandResult> results = commands(args, "show version", "show hostname");
        assertEquals(1, results.get(0).exitStatus());
        assertTrue(results.get(0).stderr().contains("HTTP 401"), results.get(0).stderr());
        assertTrue(results.get(0).stderr().contains("check username/password"));
        assertFalse(results.get(0).stderr().contains("wrong-password"));
        assertTrue(results.get(1).stderr().startsWith("Skipped"));
    }

    @Test
    void aClosedPortIsAConnectionError() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Map<String, Object> args = args(http.device(0), "http");
        args.put("port", closed);
        CommandResult entry = commands(args, "show version").get(0);
        assertEquals(1, entry.exitStatus());
        assertTrue(entry.stderr().startsWith("could not connect to eAPI on http://127.0.0.1:" + closed),
                entry.stderr());
    }

    @Test
    void aDeviceThatDoesNotAnswerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) { // never accepts
            Map<String, Object> args = args(http.device(0), "http");
            args.put("port", silent.getLocalPort());
            args.put("timeout", 0.5);
            CommandResult entry = commands(args, "show version").get(0);
            assertEquals(1, entry.exitStatus());
            assertTrue(entry.stderr().contains("did not answer within 0.5 s"), entry.stderr());
        }
    }

    @Test
    void httpsVerifiesTheCertificateAgainstCaFile() throws Exception {
        SimulatedDevice device = https.device(0);
        CommandResult untrusted = commands(args(device, "https"), "show version").get(0);
        assertEquals(1, untrusted.exitStatus());
        assertTrue(untrusted.stderr().contains("connection_args.ca_file"), untrusted.stderr());

        Map<String, Object> trusted = args(device, "https");
        trusted.put("ca_file", caFile.toString());
        CommandResult verified = commands(trusted, "show version").get(0);
        assertEquals(0, verified.exitStatus(), verified.stderr());
        assertEquals("vEOS-lab", result(verified).get("modelName"));

        Map<String, Object> unverified = args(device, "https");
        unverified.put("tls_verify", false);
        assertEquals(0, commands(unverified, "show version").get(0).exitStatus());
    }

    @Test
    void httpsConfigWithEnable() throws Exception {
        SimulatedDevice device = https.device(1);
        Map<String, Object> args = args(device, "https");
        args.put("ca_file", caFile.toString());
        CommandResult entry = run(args, List.of("hostname eos-https"), true, false, false, Map.of()).get(0);
        assertEquals(0, entry.exitStatus(), entry.stderr());
        assertEquals("eos-https", device.hostname());
    }

    @Test
    void plainHttpToAnHttpsPortFailsClearly() throws Exception {
        Map<String, Object> args = args(https.device(0), "http");
        CommandResult entry = commands(args, "show version").get(0);
        assertEquals(1, entry.exitStatus());
        assertTrue(entry.stderr().contains("https://") || entry.stderr().contains("transport"), entry.stderr());
    }

    @Test
    void sessionOperationsProbeAndClose() throws Exception {
        ConnectionSpec spec = ConnectionSpec.from(args(http.device(4), "http"));
        DeviceSession session = await(driver.open(spec));
        await(session.probe(Duration.ofSeconds(5)));
        await(session.enable());
        CommandResult config = await(session.send("show running-config", CommandOptions.defaults()));
        assertEquals(0, config.exitStatus(), config.stderr());
        List<CommandResult> pushed = await(session.sendConfig(List.of("ntp server 192.0.2.9"),
                CommandOptions.defaults(), false));
        assertEquals(0, pushed.get(0).exitStatus(), pushed.get(0).stderr());
        assertTrue(session.isOpen());
        await(session.close());
        assertFalse(session.isOpen());
        ExecutionException closed = assertThrows(ExecutionException.class, () -> await(session.probe(Duration.ofSeconds(1))));
        assertInstanceOf(DriverException.DeviceConnectionException.class, closed.getCause());
    }

    @Test
    void badArgumentsAreRefusedAtOpen() {
        Map<String, Object> args = args(http.device(0), "ssh");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> await(driver.open(ConnectionSpec.from(args))));
        assertInstanceOf(InvalidArgumentException.class, refused.getCause());
        assertTrue(refused.getCause().getMessage().contains("connection_args.transport"));

        Map<String, Object> noPassword = args(http.device(0), "http");
        noPassword.remove("password");
        assertThrows(ExecutionException.class, () -> await(driver.open(ConnectionSpec.from(noPassword))));

        Map<String, Object> missingCa = args(http.device(0), "https");
        missingCa.put("ca_file", "/nonexistent/ca.pem");
        assertThrows(ExecutionException.class, () -> await(driver.open(ConnectionSpec.from(missingCa))));
    }

    @Test
    void badDriverArgsFailTheJob() throws Exception {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> run(args(http.device(0), "http"),
                List.of("show version"), false, false, false, Map.of("encoding", "xml")));
        assertSame(InvalidArgumentException.class, DriverException.unwrap(refused.getCause()).getClass());
    }

    @Test
    void defaultPortFollowsTheTransport() {
        Map<String, Object> args = new HashMap<>(Map.of("host", "10.0.0.1", "username", "u", "password", "p"));
        assertEquals(443, EapiTarget.from(ConnectionSpec.from(args)).port());
        args.put("transport", "http");
        assertEquals(80, EapiTarget.from(ConnectionSpec.from(args)).port());
        args.put("port", 8080);
        assertEquals(8080, EapiTarget.from(ConnectionSpec.from(args)).port());
        assertFalse(EapiTarget.from(ConnectionSpec.from(args)).toString().contains("p]"));
    }
}
