package dev.netpilot.local;

import dev.netpilot.simulator.SimulatedDevice;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The whole path with real parts: HTTP into the api-service process, Redis (embedded), the executor process,
 * SSH to simulated devices, and back. The stack is started the way {@code ./run.sh --demo} starts it.
 */
class EndToEndTest {

    private static final String KEY = "e2e-key";
    /** The ntc-templates corpus beside the project (test data, never copied into it). */
    private static final Path NTC_TEMPLATES = LocalStack.home().resolve("../shared/conformance/ntc-templates/templates")
            .normalize();
    private static TestStack services;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        services = TestStack.start("e2e", KEY, 5, 1, Map.of("np.templates.ntc-dir", NTC_TEMPLATES.toString()));
        stack = services.stack;
        RestAssured.baseURI = stack.apiUrl();
    }

    @AfterAll
    static void stopStack() {
        if (services != null) {
            services.close();
        }
    }

    private static String exec(SimulatedDevice device, String password, String payload) {
        return given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body("""
                        {"driver": "netmiko",
                         "connection_args": {"device_type": "cisco_ios", "host": "%s", "port": %d,
                                             "username": "admin", "password": "%s", "secret": "secret"},
                         %s}""".formatted(device.host(), device.port(), password, payload))
                .when().post("/device/exec")
                .then().statusCode(201).body("status", equalTo("queued"))
                .extract().path("id");
    }

    private static ValidatableResponse awaitEnd(String id) {
        return given().header("X-API-KEY", KEY).queryParam("wait", 30)
                .when().get("/jobs/" + id)
                .then().statusCode(200);
    }

    @Test
    void submitAndWaitInOneCall() {
        SimulatedDevice device = stack.simulator().device(4);
        String body = """
                {"driver": "netmiko", "command": "show version",
                 "connection_args": {"device_type": "cisco_ios", "host": "%s", "port": %d,
                                     "username": "admin", "password": "admin"}}""".formatted(device.host(), device.port());
        for (int round = 0; round < 3; round++) { // the first logs in, the next reuse the pinned session
            given().header("X-API-KEY", KEY).contentType(ContentType.JSON).queryParam("wait", 30).body(body)
                    .when().post("/device/exec")
                    .then().statusCode(201)
                    .body("status", equalTo("finished"))
                    .body("result.retval[0].command", equalTo("show version"))
                    .body("result.retval[0].exit_status", equalTo(0))
                    .body("result.retval[0].metadata.session_reused", equalTo(round > 0));
        }
    }

    @Test
    void theExecutorRecordsHostKeysWhereTheApiListsThem() {
        SimulatedDevice device = stack.simulator().device(3);
        awaitEnd(exec(device, "admin", "\"command\": \"show clock\"")).body("status", equalTo("finished"))
                .body("result.retval[0].exit_status", equalTo(0));
        String address = device.host() + ":" + device.port();
        given().header("X-API-KEY", KEY).when().get("/known-hosts").then().statusCode(200)
                .body("find { it.address == '" + address + "' }.fingerprint",
                        equalTo(stack.simulator().hostKeyFingerprint()));
    }

    @Test
    void showVersionThroughTheWholePath() {
        SimulatedDevice device = stack.simulator().device(0);
        String id = exec(device, "admin", "\"command\": \"show version\"");
        awaitEnd(id)
                .body("status", equalTo("finished"))
                .body("worker", notNullValue())
                .body("duration", greaterThan(0f))
                .body("result.type", equalTo(1))
                .body("result.error", equalTo(null))
                .body("result.retval", hasSize(1))
                .body("result.retval[0].command", equalTo("show version"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].stderr", equalTo(""))
                .body("result.retval[0].stdout", containsString("Cisco IOS"))
                .body("result.retval[0].stdout", containsString(device.hostname() + " uptime is"))
                .body("result.retval[0].metadata.host", equalTo(device.host()))
                .body("result.retval[0].metadata.duration_seconds", notNullValue())
                .body("result.retval[0].metadata.session_reused", equalTo(false));
    }

    @Test
    void aWrongPasswordFinishesTheJobWithAClearErrorAndTheConsumerLivesOn() {
        SimulatedDevice device = stack.simulator().device(1);
        String bad = exec(device, "not-the-password", "\"command\": \"show version\"");
        awaitEnd(bad)
                .body("status", equalTo("finished"))
                .body("result.retval[0].exit_status", equalTo(1))
                .body("result.retval[0].stderr", containsString("authentication failed for user 'admin'"))
                .body(not(containsString("not-the-password")));

        String good = exec(device, "admin", "\"command\": [\"show clock\"]");
        awaitEnd(good).body("status", equalTo("finished")).body("result.retval[0].exit_status", equalTo(0));
    }

    @Test
    void anUnknownCommandIsExitStatusOneWithTheDevicesError() {
        String id = exec(stack.simulator().device(2), "admin", "\"command\": [\"show version\", \"show nonsense\"]");
        awaitEnd(id)
                .body("status", equalTo("finished"))
                .body("result.retval", hasSize(2))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[1].command", equalTo("show nonsense"))
                .body("result.retval[1].exit_status", equalTo(1))
                .body("result.retval[1].stderr", containsString("% Invalid input detected at '^' marker."));
    }

    @Test
    void configWithEnableModeChangesTheDevice() {
        SimulatedDevice device = stack.simulator().device(2);
        String id = exec(device, "admin", "\"config\": [\"ntp server 192.0.2.99\"], \"enable_mode\": true");
        awaitEnd(id).body("status", equalTo("finished")).body("result.retval[0].exit_status", equalTo(0));
        org.junit.jupiter.api.Assertions.assertTrue(device.runningConfig().contains("ntp server 192.0.2.99"));
    }

    @Test
    void showVersionParsedWithTheNtcTemplatesIndex() {
        Assumptions.assumeTrue(Files.isDirectory(NTC_TEMPLATES) || "true".equals(System.getenv("CI")),
                "no ntc-templates corpus at " + NTC_TEMPLATES);
        SimulatedDevice device = stack.simulator().device(3);
        String id = exec(device, "admin", "\"command\": \"show version\", "
                + "\"parsing\": {\"name\": \"textfsm\", \"use_ntc_template\": true}");
        awaitEnd(id)
                .body("status", equalTo("finished"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].parsed", hasSize(1))
                .body("result.retval[0].parsed[0].hostname", equalTo(device.hostname()))
                .body("result.retval[0].parsed[0].version", equalTo("15.9(3)M4"))
                .body("result.retval[0].parsed[0].config_register", equalTo("0x2102"));
    }

    @Test
    void aJinjaRenderedConfigReachesTheDevice() {
        SimulatedDevice device = stack.simulator().device(1);
        String id = exec(device, "admin", """
                "config": {"servers": ["192.0.2.31", "192.0.2.32"]}, "enable_mode": true,
                "rendering": {"name": "jinja2",
                              "template": "{% for s in servers %}ntp server {{ s }}\\n{% endfor %}"}""");
        awaitEnd(id).body("status", equalTo("finished"))
                .body("command", org.hamcrest.Matchers.contains("ntp server 192.0.2.31", "ntp server 192.0.2.32"))
                .body("result.retval", hasSize(2));
        org.junit.jupiter.api.Assertions.assertTrue(device.runningConfig().contains("ntp server 192.0.2.32"));
    }

    @Test
    void aMalformedBodyIsRejectedNamingTheField() {
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body("{\"driver\": \"netmiko\", \"connection_args\": {\"device_type\": \"cisco_ios\"}, \"command\": \"x\"}")
                .when().post("/device/exec")
                .then().statusCode(422).body("detail", containsString("connection_args.host"));
    }

    @Test
    void noApiKeyIs401() {
        given().contentType(ContentType.JSON).body("{}").when().post("/device/exec")
                .then().statusCode(401).body("detail", containsString("Missing API key"));
    }
}
