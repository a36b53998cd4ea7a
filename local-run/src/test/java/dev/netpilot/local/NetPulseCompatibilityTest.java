package dev.netpilot.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays request bodies shaped after NetPulse's documented examples ({@code netpulse-requests.json}) against the
 * running stack, pointed at the device simulator. Each is accepted and answered in NetPulse's shape (201 with the
 * job, or the bulk answer; 200 with the connection test), or refused exactly where NetPulse refuses it. The jobs of
 * the netmiko examples are followed to their end on the simulated devices; other drivers' jobs are checked at
 * acceptance only.
 */
class NetPulseCompatibilityTest {

    private static final String KEY = "compat-key";
    /**
     * Request fields whose features this build refuses with a 422 naming them (NetPulse accepts them). When a
     * feature arrives, take its field out of this set: its examples are then expected to be accepted.
     */
    private static final Set<String> NOT_IN_THIS_BUILD = Set.of();
    /** The fields of NetPulse's JobInResponse, in its order, then ours. */
    private static final List<String> JOB_FIELDS = List.of("id", "status", "created_at", "enqueued_at", "started_at",
            "ended_at", "queue", "worker", "result", "task_id", "device_name", "command", "duration", "queue_time",
            "batch_id");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestStack services;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        services = TestStack.start("compat", KEY, 4, 1, Map.of());
        stack = services.stack;
        RestAssured.baseURI = stack.apiUrl();
    }

    @AfterAll
    static void stopStack() {
        if (services != null) {
            services.close();
        }
    }

    private static JsonNode examples() throws IOException {
        try (InputStream in = NetPulseCompatibilityTest.class.getResourceAsStream("/netpulse-requests.json")) {
            return JSON.readTree(in);
        }
    }

    /** The body with the simulator's address in place of {@code $HOST} and {@code "$PORTn"}. */
    private static String body(JsonNode example) throws IOException {
        String text = JSON.writeValueAsString(example.get("body"));
        for (int i = 0; i < 4; i++) {
            text = text.replace("\"$PORT" + i + "\"", String.valueOf(stack.simulator().device(i).port()));
        }
        return text.replace("$HOST", stack.simulator().device(0).host());
    }

    private static Response post(String path, String body) {
        return given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body(body).when().post(path);
    }

    @TestFactory
    List<DynamicTest> acceptedAndAnsweredInNetPulsesShape() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode example : examples().get("requests")) {
            String label = "#" + example.get("n").asInt() + " " + example.get("name").asText();
            tests.add(DynamicTest.dynamicTest(label, () -> replay(example)));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> refusedWhereNetPulseRefuses() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode example : examples().get("rejected")) {
            tests.add(DynamicTest.dynamicTest(example.get("name").asText(), () -> {
                Response response = post(example.get("path").asText(), body(example));
                String message = example.get("message").asText().replace("$HOST",
                        stack.simulator().device(0).host());
                assertEquals(example.get("status").asInt(), response.statusCode(), response.asString());
                assertTrue(response.jsonPath().getString("detail").contains(message),
                        "expected '" + message + "' in " + response.asString());
            }));
        }
        return tests;
    }

    private static void replay(JsonNode example) throws Exception {
        String path = example.get("path").asText();
        JsonNode request = example.get("body");
        Response response = post(path, body(example));
        Set<String> pending = pendingFields(request);
        if (!pending.isEmpty()) {
            assertEquals(422, response.statusCode(), response.asString());
            Set<String> named = new TreeSet<>();
            for (List<Object> loc : response.jsonPath().<List<Object>>getList("errors.loc")) {
                named.add(String.valueOf(loc.get(loc.size() - 1)));
            }
            assertEquals(pending, named, "refused for the features of a later build only: " + response.asString());
            return;
        }
        // netmiko jobs and tests are followed to their end on the simulator; those whose secret is in a Vault are
        // answered in shape only (this stack has no Vault: CredentialsEndToEndTest runs them against its double)
        boolean netmiko = "netmiko".equals(request.get("driver").asText()) && !request.has("credential");
        boolean runsLines = netmiko && (request.has("command") || request.has("config"));
        switch (path) {
            case "/device/test" -> checkTest(response, request, netmiko);
            case "/device/exec" -> {
                assertEquals(201, response.statusCode(), response.asString());
                JsonPath job = response.jsonPath();
                checkQueuedJob(job, "", request);
                if (runsLines) {
                    checkFinished(job.getString("id"), request);
                }
            }
            case "/device/bulk" -> {
                assertEquals(201, response.statusCode(), response.asString());
                JsonPath answer = response.jsonPath();
                int devices = request.get("devices").size();
                assertEquals(devices, answer.getList("succeeded").size(), response.asString());
                assertEquals(0, answer.getList("failed").size(), response.asString());
                for (int i = 0; i < devices; i++) {
                    checkQueuedJob(answer, "succeeded[" + i + "].", request);
                    if (runsLines) {
                        checkFinished(answer.getString("succeeded[" + i + "].id"), request);
                    }
                }
            }
            default -> throw new AssertionError("no check for " + path);
        }
    }

    /** The fields of a later build that the request uses (detach only when true). */
    private static Set<String> pendingFields(JsonNode request) {
        Set<String> used = new TreeSet<>();
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = request.get(name);
            if (NOT_IN_THIS_BUILD.contains(name) && !value.isNull() && !(value.isBoolean() && !value.asBoolean())) {
                used.add(name);
            }
        }
        return used;
    }

    private static void checkQueuedJob(JsonPath answer, String at, JsonNode request) {
        Map<String, Object> job = answer.getMap(at.isEmpty() ? "$" : at.substring(0, at.length() - 1));
        assertEquals(JOB_FIELDS, new ArrayList<>(job.keySet()), "NetPulse's JobInResponse fields, in order");
        assertEquals("queued", job.get("status"));
        for (String empty : List.of("started_at", "ended_at", "worker", "result", "duration", "queue_time")) {
            assertNull(job.get(empty), empty + " of a queued job");
        }
        // a detached launch names its task at once (NetPulse only after the launch ran)
        assertEquals(request.path("detach").asBoolean(false), job.get("task_id") != null, "task_id: " + job.get("task_id"));
        assertNotNull(job.get("created_at"));
        String queue = (String) job.get("queue");
        String strategy = request.path("queue_strategy").asText(
                "netmiko".equals(request.get("driver").asText()) ? "pinned" : "fifo");
        assertTrue(strategy.equals("fifo") ? queue.equals("FifoQ") : queue.startsWith("HostQ_"), queue);
        assertEquals(stack.simulator().device(0).host(), job.get("device_name"));
        if (request.has("command") || request.has("config")) { // a file transfer alone runs no command
            assertTrue(job.get("command") instanceof List<?> lines && !lines.isEmpty(), "command: " + job.get("command"));
        }
    }

    /** A netmiko job runs on the simulated device: finished, one entry per command or config line, all accepted. */
    private static void checkFinished(String id, JsonNode request) {
        JsonPath job = given().header("X-API-KEY", KEY).queryParam("wait", 60).when().get("/jobs/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("finished", job.getString("status"), job.prettify());
        assertEquals(1, job.getInt("result.type"));
        List<Map<String, Object>> entries = job.getList("result.retval");
        assertEquals(job.getList("command").size(), entries.size(), job.prettify());
        for (Map<String, Object> entry : entries) {
            assertEquals(0, entry.get("exit_status"), job.prettify());
            for (String field : List.of("command", "stdout", "stderr", "exit_status", "download_url", "metadata",
                    "parsed")) {
                assertTrue(entry.containsKey(field), field + " in " + entry);
            }
        }
        if (request.has("parsing")) {
            assertTrue(entries.get(0).get("parsed") instanceof List<?>, "parsed records: " + job.prettify());
        }
    }

    /** 200 with NetPulse's ConnectionTestResponse; a netmiko test of a simulated device succeeds with its facts. */
    private static void checkTest(Response response, JsonNode request, boolean netmiko) {
        assertEquals(200, response.statusCode(), response.asString());
        JsonPath outcome = response.jsonPath();
        assertEquals(List.of("success", "latency", "error", "result", "timestamp"),
                new ArrayList<>(outcome.getMap("$").keySet()));
        assertNotNull(outcome.getString("timestamp"));
        if (outcome.getBoolean("success")) {
            assertNull(outcome.get("error"));
            assertEquals(request.get("driver").asText(), outcome.getString("result.driver"));
        } else {
            assertNull(outcome.get("result"));
            assertTrue(!outcome.getString("error").isBlank());
        }
        if (netmiko) {
            assertTrue(outcome.getBoolean("success"), response.asString());
            assertTrue(outcome.getFloat("latency") > 0);
            assertTrue(outcome.getString("result.prompt").matches("\\S+[>#]"), response.asString());
            assertEquals("cisco_ios", outcome.getString("result.device_type"));
            assertTrue(outcome.getString("result.remote_version").startsWith("SSH-2.0-"), response.asString());
        }
    }
}
