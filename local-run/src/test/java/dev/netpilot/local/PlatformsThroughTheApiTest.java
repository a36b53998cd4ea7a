package dev.netpilot.local;

import dev.netpilot.simulator.SimulatedDevice;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every CLI platform through the whole path (HTTP, Redis, executor, SSH to the simulator's personality): show
 * commands and the vendor's error marker, a config push that sticks (with save or commit), a push that hits an error
 * marker (stop and skipped lines), and escalation before a privileged command.
 */
class PlatformsThroughTheApiTest {

    private static final String KEY = "platforms-key";

    /**
     * One platform: a show command and a text its output holds, two config lines and a line the first leaves in the
     * running config, a line the device rejects, what saving or committing prints, a command that needs the
     * privileged level and a text of its output, and whether the platform commits (a failed push leaves nothing).
     */
    record Case(String platform, String show, String showText, List<String> config, String expected, String badLine,
                String saved, String privileged, String privilegedText, boolean commits) {
        @Override
        public String toString() {
            return platform;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("cisco_ios", "show version", "Cisco IOS Software",
                    List.of("ntp server 192.0.2.1", "logging host 192.0.2.9"), "ntp server 192.0.2.1",
                    "frobnicate everything", "[OK]", "show running-config", "hostname", false),
            new Case("cisco_nxos", "show version", "NXOS: version",
                    List.of("ntp server 192.0.2.1", "interface Ethernet1/2"), "ntp server 192.0.2.1",
                    "frobnicate everything", "Copy complete.", "show running-config", "feature ssh", false),
            new Case("cisco_xr", "show version", "Cisco IOS XR Software",
                    List.of("ntp server 192.0.2.1", "interface GigabitEthernet0/0/0/2"), "ntp server 192.0.2.1",
                    "frobnicate everything", "", "show running-config", "!! IOS XR Configuration", true),
            new Case("arista_eos", "show version", "Software image version",
                    List.of("ntp server 192.0.2.1", "logging host 192.0.2.9"), "ntp server 192.0.2.1",
                    "frobnicate everything", "Copy completed successfully.", "show running-config", "! device: ",
                    false),
            new Case("juniper_junos", "show version", "Junos:",
                    List.of("set system ntp server 192.0.2.1", "set system domain-name lab.example"),
                    "set system ntp server 192.0.2.1", "set frobnicate everything", "commit complete",
                    "show configuration", "host-name", true),
            new Case("huawei", "display version", "VRP (R) software",
                    List.of("ntp-service unicast-server 192.0.2.1", "info-center loghost 192.0.2.9"),
                    "ntp-service unicast-server 192.0.2.1", "frobnicate everything",
                    "Save the configuration successfully.", "display current-configuration", "sysname", false),
            new Case("huawei_vrpv8", "display version", "VRP (R) software",
                    List.of("ntp-service unicast-server 192.0.2.1", "info-center loghost 192.0.2.9"),
                    "ntp-service unicast-server 192.0.2.1", "frobnicate everything", "",
                    "display current-configuration", "sysname", true),
            new Case("hp_comware", "display version", "Comware Software",
                    List.of("ntp-service unicast-server 192.0.2.1", "info-center loghost 192.0.2.9"),
                    "ntp-service unicast-server 192.0.2.1", "frobnicate everything",
                    "Saved the current configuration", "display current-configuration", "sysname", false));

    /** Devices per platform: each test changes its own device. */
    private static final int DEVICES_PER_PLATFORM = 3;
    private static TestStack services;

    @BeforeAll
    static void startStack() throws Exception {
        String platforms = String.join(",", CASES.stream().map(Case::platform).toList());
        services = TestStack.start("platforms", KEY, CASES.size() * DEVICES_PER_PLATFORM, platforms, 1, Map.of());
        RestAssured.baseURI = services.stack.apiUrl();
    }

    @AfterAll
    static void stopStack() {
        if (services != null) {
            services.close();
        }
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    /** The {@code n}th device (0-based) of a platform. */
    private static SimulatedDevice device(Case c, int n) {
        SimulatedDevice device = services.stack.simulator().device(CASES.indexOf(c) + n * CASES.size());
        assertEquals(c.platform(), device.platform());
        return device;
    }

    /** Runs a job to its end through the API and returns the ended job. */
    private static JsonPath run(Case c, SimulatedDevice device, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("driver", "netmiko");
        body.put("connection_args", Map.of("device_type", c.platform(), "host", device.host(), "port", device.port(),
                "username", "admin", "password", "admin", "secret", "secret"));
        JsonPath job = given().header("X-API-KEY", KEY).contentType(ContentType.JSON).queryParam("wait", 60)
                .body(body).when().post("/device/exec")
                .then().statusCode(201).extract().jsonPath();
        assertEquals("finished", job.getString("status"), job.prettify());
        return job;
    }

    private static List<Map<String, Object>> entries(JsonPath job) {
        return new ArrayList<>(job.getList("result.retval"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void showCommandsAndTheVendorsErrorMarker(Case c) {
        List<Map<String, Object>> entries = entries(run(c, device(c, 0),
                Map.of("command", List.of(c.show(), "frobnicate everything"))));
        assertEquals(0, entries.get(0).get("exit_status"), entries.toString());
        assertTrue(entries.get(0).get("stdout").toString().contains(c.showText()), entries.get(0).toString());
        assertEquals(1, entries.get(1).get("exit_status"), "the vendor's error marker fails the command: " + entries);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aConfigPushIsSavedOrCommitted(Case c) {
        SimulatedDevice device = device(c, 1);
        List<Map<String, Object>> entries = entries(run(c, device, Map.of("config", c.config(), "save", true)));
        assertEquals(c.config().size(), entries.size(), entries.toString());
        entries.forEach(entry -> assertEquals(0, entry.get("exit_status"), entry.toString()));
        assertTrue(entries.get(entries.size() - 1).get("stdout").toString().contains(c.saved()), entries.toString());
        assertTrue(device.runningConfig().contains(c.expected()), device.runningConfig());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRejectedLineStopsThePushAndSkipsTheRest(Case c) {
        SimulatedDevice device = device(c, 2);
        List<Map<String, Object>> entries = entries(run(c, device,
                Map.of("config", List.of(c.config().get(0), c.badLine(), c.config().get(1)))));
        assertEquals(3, entries.size(), entries.toString());
        assertEquals(0, entries.get(0).get("exit_status"), entries.toString());
        assertEquals(1, entries.get(1).get("exit_status"), entries.toString());
        assertTrue(entries.get(1).get("stderr").toString().startsWith("Device reported configuration error: "),
                entries.toString());
        assertEquals("Skipped due to previous error in execution of '" + c.badLine() + "'",
                entries.get(2).get("stderr"));
        assertEquals(!c.commits(), device.runningConfig().contains(c.expected()),
                "platforms that commit keep nothing of a failed push: " + device.runningConfig());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void enableModeReachesThePrivilegedLevel(Case c) {
        List<Map<String, Object>> entries = entries(run(c, device(c, 0),
                Map.of("command", c.privileged(), "enable_mode", true)));
        assertEquals(0, entries.get(0).get("exit_status"), entries.toString());
        assertTrue(entries.get(0).get("stdout").toString().contains(c.privilegedText()), entries.toString());
    }
}
