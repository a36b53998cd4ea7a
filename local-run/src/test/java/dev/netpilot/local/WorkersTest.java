package dev.netpilot.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netpilot.simulator.SimulatedDevice;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /workers shows nodes with their pinned devices; DELETE /workers/{name} drains one and its devices move. */
class WorkersTest {

    private static final String KEY = "workers-key";
    private static TestStack services;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        services = TestStack.start("workers", KEY, 2, 1,
                Map.of("np.executor.heartbeat-interval", "300ms", "np.executor.dead-after", "2s"));
        stack = services.stack;
        RestAssured.baseURI = stack.apiUrl();
    }

    @AfterAll
    static void stopStack() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void workersShowTheirPinnedDevicesAndADrainedOneHandsThemOn() throws Exception {
        PinnedLanesTest.useStack(stack.apiUrl(), KEY);
        SimulatedDevice device = stack.simulator().device(0);
        JsonNode first = PinnedLanesTest.awaitEnd(PinnedLanesTest.submit(device, "show clock"));
        String owner = first.get("worker").asText();
        String lane = "admin@127.0.0.1:" + device.port();

        given().header("X-API-KEY", KEY).when().get("/workers").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].name", equalTo(owner))
                .body("[0].status", equalTo("idle"))
                .body("[0].capacity", equalTo(10000))
                .body("[0].load", equalTo(1))
                .body("[0].pinned_devices[0].lane", equalTo(lane))
                .body("[0].pinned_devices[0].session", equalTo("open"))
                .body("[0].queues", org.hamcrest.Matchers.hasItems("FifoQ", "HostQ_" + lane));

        stack.startExecutor(0);
        given().header("X-API-KEY", KEY).when().delete("/workers/" + owner).then().statusCode(200)
                .body("status", equalTo("draining"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (given().header("X-API-KEY", KEY).get("/workers").then().extract().jsonPath()
                .getList("name").contains(owner)) {
            assertTrue(System.nanoTime() < deadline, "the drained node did not leave within 30 s");
            Thread.sleep(100);
        }
        JsonNode after = PinnedLanesTest.awaitEnd(PinnedLanesTest.submit(device, "show clock"));
        assertEquals("finished", after.get("status").asText(), after.toString());
        assertNotEquals(owner, after.get("worker").asText(), "the device moved to the live node");

        given().header("X-API-KEY", KEY).when().delete("/workers/no-such-node").then().statusCode(404)
                .body("detail", containsString("not running"));
    }
}
