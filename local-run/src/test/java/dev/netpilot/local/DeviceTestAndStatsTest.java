package dev.netpilot.local;

import dev.netpilot.simulator.SimulatedDevice;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /device/test} through a real executor to simulated devices, {@code GET /system/stats} after real
 * jobs, and, last, no secret of any of these requests anywhere in Redis (every key, every type) or in an answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceTestAndStatsTest {

    private static final String KEY = "devtest-key";
    private static final String PASSWORD = "admin";
    private static final String SECRET = "Es-4d8a2f";
    /** Wrong credentials sent on purpose; they must not surface anywhere either. */
    private static final String WRONG_PASSWORD = "Wp-6c1e9b";
    private static TestStack services;
    private static LocalStack stack;
    private static final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void startStack() throws Exception {
        services = TestStack.start("devtest", KEY, 3, 1, Map.of());
        stack = services.stack;
        RestAssured.baseURI = stack.apiUrl();
    }

    @AfterAll
    static void stopStack() {
        if (services != null) {
            services.close();
        }
    }

    private static ValidatableResponse test(String connectionArgs, String extra) {
        ValidatableResponse response = given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body("{\"driver\": \"netmiko\", \"connection_args\": {" + connectionArgs + "}" + extra + "}")
                .when().post("/device/test").then();
        answers.add(response.extract().asString());
        return response;
    }

    private static String args(SimulatedDevice device, String password) {
        return "\"device_type\": \"cisco_ios\", \"host\": \"%s\", \"port\": %d, \"username\": \"admin\", "
                .formatted(device.host(), device.port()) + "\"password\": \"" + password + "\", \"secret\": \""
                + SECRET + "\"";
    }

    private static JsonPath stats() {
        String body = given().header("X-API-KEY", KEY).get("/system/stats").then().statusCode(200).extract().asString();
        answers.add(body);
        return JsonPath.from(body);
    }

    @Test
    @Order(1)
    void aReachableDeviceAnswersWithItsPromptTypeAndSshBanner() {
        SimulatedDevice device = stack.simulator().device(0);
        test(args(device, PASSWORD), "").statusCode(200)
                .body("success", equalTo(true))
                .body("error", nullValue())
                .body("latency", greaterThan(0f))
                .body("result.driver", equalTo("netmiko"))
                .body("result.host", equalTo(device.host()))
                .body("result.port", equalTo(device.port()))
                .body("result.device_type", equalTo("cisco_ios"))
                .body("result.prompt", equalTo(device.hostname() + ">"))
                .body("result.remote_version", equalTo("SSH-2.0-Cisco-1.25"))
                .body("result.worker", startsWith("executor-1-"))
                .body("timestamp", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    @Order(2)
    void failuresAreSuccessFalseWithTheReason() throws IOException {
        SimulatedDevice device = stack.simulator().device(1);
        test(args(device, WRONG_PASSWORD), "").statusCode(200)
                .body("success", equalTo(false))
                .body("result", nullValue())
                .body("error", containsString("authentication failed for user 'admin'"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        test("\"device_type\": \"cisco_ios\", \"host\": \"127.0.0.1\", \"port\": " + closedPort
                + ", \"username\": \"admin\", \"password\": \"" + PASSWORD + "\"", "").statusCode(200)
                .body("success", equalTo(false))
                .body("error", containsString("127.0.0.1:" + closedPort));
        test(args(device, PASSWORD).replace("cisco_ios", "no_such_os"), "").statusCode(200)
                .body("success", equalTo(false))
                .body("error", containsString("no_such_os"));
    }

    @Test
    @Order(3)
    void aTestRespectsTheDevicesSessionLimit() throws Exception {
        SimulatedDevice device = stack.simulator().device(2);
        // A pinned job keeps its session open: with a limit of one session, the device has no slot for the test.
        String id = given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body("{\"driver\": \"netmiko\", \"command\": \"show clock\", \"connection_args\": {"
                        + args(device, PASSWORD) + ", \"session_limit\": 1}}")
                .post("/device/exec").then().statusCode(201).extract().path("id");
        given().header("X-API-KEY", KEY).queryParam("wait", 30).get("/jobs/" + id).then()
                .body("status", equalTo("finished"));
        test(args(device, PASSWORD) + ", \"session_limit\": 1", ", \"timeout\": 2").statusCode(200)
                .body("success", equalTo(false))
                .body("error", containsString("session limit"));
    }

    /** A sample of the executor's Prometheus text, 0 when it is not there yet. */
    private static double executorMetric(String sample) {
        String text = given().baseUri(stack.executorUrl(0)).get("/q/metrics").then().statusCode(200).extract()
                .asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1));
            }
        }
        return 0;
    }

    @Test
    @Order(4)
    void statsCountTheJobsThatRanAndTheExecutor() {
        String finished = "netpilot_executor_jobs_total{driver=\"netmiko\",queue=\"pinned\",status=\"finished\"}";
        String timed = "netpilot_executor_job_duration_seconds_count{driver=\"netmiko\",queue=\"pinned\"}";
        double finishedBefore = executorMetric(finished);
        double timedBefore = executorMetric(timed);
        JsonPath before = stats();
        SimulatedDevice device = stack.simulator().device(0);
        String id = given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body("{\"driver\": \"netmiko\", \"command\": \"show version\", \"connection_args\": {"
                        + args(device, PASSWORD) + "}}")
                .post("/device/exec").then().statusCode(201).extract().path("id");
        given().header("X-API-KEY", KEY).queryParam("wait", 30).get("/jobs/" + id).then()
                .body("status", equalTo("finished"));
        JsonPath after = stats();
        assertEquals(before.getLong("jobs.total") + 1, after.getLong("jobs.total"));
        assertEquals(before.getLong("jobs.succeeded") + 1, after.getLong("jobs.succeeded"));
        assertEquals(0, after.getLong("jobs.in_progress"));
        assertEquals(0, after.getLong("jobs.queued"));
        assertEquals(after.getLong("jobs.total"), after.getLong("jobs.succeeded") + after.getLong("jobs.failed")
                + after.getLong("jobs.cancelled") + after.getLong("jobs.expired"), after.prettify());
        assertEquals(1, after.getInt("workers.total"));
        assertEquals(1, after.getInt("nodes.active"));
        assertEquals(10000, after.getLong("nodes.total_capacity"));
        assertTrue(after.getInt("workers.pinned") >= 1, "the pinned devices: " + after.prettify());
        assertEquals(0, after.getInt("queues.FifoQ"));
        // the executor's own metrics count the job (netmiko jobs are pinned unless they say otherwise)
        assertEquals(finishedBefore + 1, executorMetric(finished));
        assertEquals(timedBefore + 1, executorMetric(timed));
    }

    @Test
    @Order(5)
    void noSecretInAnyAnswerOrAnywhereInRedis() throws IOException {
        List<String> secrets = List.of(WRONG_PASSWORD, SECRET);
        for (String answer : answers) {
            for (String secret : secrets) {
                assertFalse(answer.contains(secret), "an answer holds a secret: " + answer);
            }
        }
        Map<String, String> redis = RedisScan.everything(stack.redisUrl());
        redis.forEach((name, value) -> {
            String content = name + " " + value;
            for (String secret : secrets) {
                assertFalse(content.contains(secret), "Redis key " + name + " holds a secret: " + content);
            }
            // every job has ended: no credentials may be left, for jobs or tests
            assertFalse(name.endsWith(":request"), "credentials left in Redis: " + name);
        });
        assertTrue(redis.size() > 5, "scanned " + redis.size() + " keys");
    }
}
