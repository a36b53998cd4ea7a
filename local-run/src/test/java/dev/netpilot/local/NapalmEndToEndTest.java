package dev.netpilot.local;

import dev.netpilot.simulator.SimulatedDevice;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The napalm driver through the whole path (API, Redis, executor, SSH) on simulated Arista EOS devices. */
class NapalmEndToEndTest {

    private static final String KEY = "napalm-e2e-key";
    private static TestStack services;

    @BeforeAll
    static void startStack() throws Exception {
        services = TestStack.start("napalm-e2e", KEY, 2, "arista_eos", 1, Map.of());
        RestAssured.baseURI = services.stack.apiUrl();
    }

    @AfterAll
    static void stopStack() {
        if (services != null) {
            services.close();
        }
    }

    private static String exec(SimulatedDevice device, String payload) {
        return given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body("""
                        {"driver": "napalm",
                         "connection_args": {"device_type": "eos", "host": "%s", "port": %d,
                                             "username": "admin", "password": "admin", "secret": "secret"},
                         %s}""".formatted(device.host(), device.port(), payload))
                .when().post("/device/exec")
                .then().statusCode(201).body("queue", equalTo("FifoQ"))
                .extract().path("id");
    }

    private static ValidatableResponse awaitEnd(String id) {
        return given().header("X-API-KEY", KEY).queryParam("wait", 30)
                .when().get("/jobs/" + id)
                .then().statusCode(200);
    }

    @Test
    void aDryRunShowsTheDiffThenTheCommitChangesTheDevice() {
        SimulatedDevice device = services.stack.simulator().device(0);
        String before = device.runningConfig();
        String dryRun = exec(device, "\"config\": [\"ntp server 192.0.2.80\"], \"dry_run\": true");
        awaitEnd(dryRun)
                .body("status", equalTo("finished"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].stdout", containsString("--- system:/running-config"))
                .body("result.retval[0].stdout", containsString("\n+ntp server 192.0.2.80"))
                .body("result.retval[0].metadata.committed", equalTo(false))
                .body("result.retval[0].metadata.discarded", equalTo(true));
        assertEquals(before, device.runningConfig(), "a dry run never changes the device");

        String commit = exec(device, "\"config\": [\"ntp server 192.0.2.80\"]");
        awaitEnd(commit)
                .body("status", equalTo("finished"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].stdout", containsString("\n+ntp server 192.0.2.80"))
                .body("result.retval[0].metadata.committed", equalTo(true));
        assertTrue(device.runningConfig().contains("ntp server 192.0.2.80"), device.runningConfig());
    }

    @Test
    void gettersAnswerJsonAndOtherMethodNamesAreRefused() {
        SimulatedDevice device = services.stack.simulator().device(1);
        awaitEnd(exec(device, "\"command\": [\"get_facts\"]"))
                .body("status", equalTo("finished"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].stdout", containsString("\"hostname\":\"" + device.hostname() + "\""))
                .body("result.retval[0].parsed.vendor", equalTo("Arista"))
                .body("result.retval[0].parsed.interface_list", hasItem("Ethernet1"));

        awaitEnd(exec(device, "\"command\": [\"commit_config\"]"))
                .body("status", equalTo("failed"))
                .body("result.error.type", equalTo("InvalidArgumentException"))
                .body("result.error.message", containsString("get_facts, get_config, get_interfaces"));
    }
}
