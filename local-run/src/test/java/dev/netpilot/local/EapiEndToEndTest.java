package dev.netpilot.local;

import dev.netpilot.simulator.SimulatedDevice;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pyeapi jobs through the whole path: HTTP into the api-service, Redis, the executor, then eAPI over HTTPS (checked
 * against the simulator's certificate) to simulated Arista switches, and NetPulse's result shape back.
 */
class EapiEndToEndTest {

    private static final String KEY = "eapi-e2e-key";
    private static TestStack services;
    private static LocalStack stack;
    private static Path caFile;

    @BeforeAll
    static void startStack() throws Exception {
        services = TestStack.start("eapi-e2e", KEY, 2, "arista_eos", 1, Map.of());
        stack = services.stack;
        RestAssured.baseURI = stack.apiUrl();
        caFile = Files.writeString(Path.of("target", "eapi-e2e-ca.pem").toAbsolutePath(),
                stack.simulator().eapiCertificatePem());
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
                        {"driver": "pyeapi", "queue_strategy": "fifo",
                         "connection_args": {"host": "%s", "port": %d, "transport": "https", "ca_file": "%s",
                                             "username": "admin", "password": "%s", "secret": "secret"},
                         %s}""".formatted(device.host(), device.eapiPort(), caFile, password, payload))
                .when().post("/device/exec")
                .then().statusCode(201).body("status", equalTo("queued"))
                .extract().path("id");
    }

    private static ValidatableResponse awaitEnd(String id) {
        return given().header("X-API-KEY", KEY).queryParam("wait", 30)
                .when().get("/jobs/" + id)
                .then().statusCode(200).body("status", equalTo("finished"));
    }

    @Test
    void commandsGiveNetPulsesPyeapiResultShape() {
        SimulatedDevice device = stack.simulator().device(0);
        String id = exec(device, "admin", "\"command\": [\"show version\", \"show bogus\"], \"enable_mode\": true");
        awaitEnd(id)
                .body("result.type", equalTo(1))
                .body("result.retval", hasSize(2))
                .body("result.retval[0].command", equalTo("show version"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].stderr", equalTo(""))
                .body("result.retval[0].stdout.command", equalTo("show version"))
                .body("result.retval[0].stdout.encoding", equalTo("json"))
                .body("result.retval[0].stdout.result.modelName", equalTo("vEOS-lab"))
                .body("result.retval[0].stdout.result.serialNumber", notNullValue())
                .body("result.retval[0].metadata.host", equalTo(device.host()))
                .body("result.retval[0].metadata.duration_seconds", notNullValue())
                .body("result.retval[0].metadata.session_reused", equalTo(false))
                .body("result.retval[1].exit_status", equalTo(1))
                .body("result.retval[1].stderr", containsString("'show bogus' failed: invalid command"));
    }

    @Test
    void configIsOneEntryAndChangesTheDevice() {
        SimulatedDevice device = stack.simulator().device(1);
        String id = exec(device, "admin", "\"config\": [\"ntp server 192.0.2.55\", \"logging host 192.0.2.56\"], "
                + "\"save\": true");
        awaitEnd(id)
                .body("result.retval", hasSize(1))
                .body("result.retval[0].command", equalTo("ntp server 192.0.2.55\nlogging host 192.0.2.56"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].stdout", hasSize(3));
        assertTrue(device.runningConfig().contains("ntp server 192.0.2.55"));
    }

    @Test
    void aWrongPasswordIsAnEntryThatSaysWhatToCheck() {
        String id = exec(stack.simulator().device(0), "not-the-password", "\"command\": \"show version\"");
        awaitEnd(id)
                .body("result.retval[0].exit_status", equalTo(1))
                .body("result.retval[0].stderr", containsString("check username/password"))
                .body(not(containsString("not-the-password")));
    }
}
