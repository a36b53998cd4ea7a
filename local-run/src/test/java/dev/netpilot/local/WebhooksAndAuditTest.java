package dev.netpilot.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks and the audit trail through the whole product: a real receiver gets signed payloads, failed deliveries
 * are retried (also by an executor started after the first one was killed) and give up with a record, and the audit
 * trail keeps each job as its {@code audit_mode} says, with no secret anywhere.
 */
class WebhooksAndAuditTest {

    private static final String KEY = "hooks-key";
    private static final String DEVICE_PASSWORD = "Dv-pw-4e91c7";
    private static final String ENABLE_SECRET = "En-sc-83a0f2";
    private static final String HOOK_SECRET = "Wh-sig-5b7d19";
    private static final String HOOK_PASSWORD = "Wh-pw-c2e6a4";
    private static final String HOOK_TOKEN = "Wh-tk-0f3b8d";
    private static final String HOOK_COOKIE = "Wh-ck-7a1e52";
    private static final List<String> SECRETS = List.of(DEVICE_PASSWORD, ENABLE_SECRET, HOOK_SECRET, HOOK_PASSWORD,
            HOOK_TOKEN, HOOK_COOKIE);
    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestStack services;
    private static LocalStack stack;
    private static DeviceSimulator simulator;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        simulator = DeviceSimulator.start(SimulatorConfig.builder().devices(5).bindAddress("127.0.0.1")
                .password(DEVICE_PASSWORD).enableSecret(ENABLE_SECRET).build());
        receiver = new WebhookReceiver();
        services = TestStack.start("hooks", KEY, 0, 1, Map.of("np.webhook.poll-interval", "200ms",
                "np.webhook.claim-margin", "1s", "np.executor.heartbeat-interval", "300ms",
                "np.executor.dead-after", "2s", "np.executor.read-block", "500ms",
                // Devices 0 to 3 fill an executor; device 4 finds no room (NoCapacity).
                "np.executor.capacity", "4"));
        stack = services.stack;
        RestAssured.baseURI = stack.apiUrl();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    /** Submits {@code show version} to a device with {@code extra} top-level fields; returns the job id. */
    private static String submit(SimulatedDevice device, String extra) {
        return given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body("""
                        {"driver": "netmiko", "command": "show version",
                         "connection_args": {"device_type": "cisco_ios", "host": "%s", "port": %d,
                                             "username": "admin", "password": "%s", "secret": "%s"}%s}"""
                        .formatted(device.host(), device.port(), DEVICE_PASSWORD, ENABLE_SECRET, extra))
                .when().post("/device/exec")
                .then().statusCode(201).extract().path("id");
    }

    private static String webhook(String path, String more) {
        return ", \"webhook\": {\"url\": \"%s\", \"secret\": \"%s\"%s}".formatted(receiver.url(path), HOOK_SECRET,
                more);
    }

    private static Response awaitEnd(String id) {
        return given().header("X-API-KEY", KEY).queryParam("wait", 60).when().get("/jobs/" + id);
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertNoSecret(String where, String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), where + " holds the secret " + secret + ": " + text);
        }
    }

    @Test
    void aSignedWebhookCarriesTheJobWithNoSecret() throws Exception {
        String id = submit(simulator.device(0), webhook("/signed", """
                , "auth": ["hook-user", "%s"], "headers": {"X-Api-Token": "%s"}, "cookies": {"session": "%s"}"""
                .formatted(HOOK_PASSWORD, HOOK_TOKEN, HOOK_COOKIE)));
        String job = awaitEnd(id).then().statusCode(200).extract().asString();
        assertNoSecret("the job record", job);

        WebhookReceiver.Call call = receiver.next("/signed", DELIVERY);
        assertEquals("POST", call.method());
        assertEquals("application/json", call.header("Content-Type"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("hook-user:" + HOOK_PASSWORD)
                .getBytes(StandardCharsets.UTF_8)), call.header("Authorization"));
        assertEquals(HOOK_TOKEN, call.header("X-Api-Token"));
        assertEquals("session=" + HOOK_COOKIE, call.header("Cookie"));
        assertEquals("job.completed", call.header("X-NetPilot-Event"));
        assertEquals("1", call.header("X-NetPilot-Attempt"));
        assertNotNull(call.header("X-NetPilot-Delivery"));

        String timestamp = call.header("X-NetPilot-Timestamp");
        assertEquals("sha256=" + hmac(HOOK_SECRET, timestamp + "." + call.body()), call.header("X-NetPilot-Signature"));
        assertNotEquals("sha256=" + hmac(HOOK_SECRET, timestamp + "." + call.body().replace("finished", "failed")),
                call.header("X-NetPilot-Signature"));

        JsonNode payload = JSON.readTree(call.body());
        assertEquals(id, payload.get("id").asText());
        assertEquals("finished", payload.get("status").asText());
        assertEquals("job.completed", payload.get("event_type").asText());
        assertTrue(payload.get("final").asBoolean());
        assertTrue(payload.get("duration").asDouble() > 0);
        assertNotNull(payload.get("timestamp").textValue());
        assertNotNull(payload.get("started_at").textValue());
        assertNotNull(payload.get("ended_at").textValue());
        assertEquals("successful", payload.at("/result/type").asText());
        assertEquals("show version", payload.at("/result/retval/0/command").asText());
        assertTrue(payload.at("/result/retval/0/stdout").asText().contains("Cisco IOS"));
        assertEquals("127.0.0.1", payload.at("/device/host").asText());
        assertEquals("cisco_ios", payload.at("/device/device_type").asText());
        assertEquals("127.0.0.1", payload.get("device_name").asText());
        assertEquals("show version", payload.at("/command/0").asText());
        assertNoSecret("the webhook payload", call.body());
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheThirdDelivery() throws Exception {
        receiver.failFirst("/flaky", 2);
        String id = submit(simulator.device(1), webhook("/flaky", ", \"max_retries\": 3, \"retry_intervals\": [1]"));
        awaitEnd(id).then().statusCode(200);
        WebhookReceiver.Call first = receiver.next("/flaky", DELIVERY);
        WebhookReceiver.Call second = receiver.next("/flaky", DELIVERY);
        WebhookReceiver.Call third = receiver.next("/flaky", DELIVERY);
        assertEquals(List.of("1", "2", "3"), List.of(first.header("X-NetPilot-Attempt"),
                second.header("X-NetPilot-Attempt"), third.header("X-NetPilot-Attempt")));
        String delivery = first.header("X-NetPilot-Delivery");
        assertEquals(delivery, third.header("X-NetPilot-Delivery"));
        assertEquals(id, JSON.readTree(third.body()).get("id").asText());
        assertEquals("sha256=" + hmac(HOOK_SECRET, third.header("X-NetPilot-Timestamp") + "." + third.body()),
                third.header("X-NetPilot-Signature"));
        // Delivered: nothing of it is left to retry.
        try (RedisProbe redis = new RedisProbe(stack.redisUrl())) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    redis.call("ZSCORE", "np:webhooks:due", delivery) == null
                            && Long.valueOf(0).equals(redis.call("EXISTS", "np:webhook:" + delivery)));
        }
    }

    @Test
    void aDeliveryThatNeverSucceedsGivesUpWithARecord() throws Exception {
        receiver.failFirst("/down", Integer.MAX_VALUE);
        String id = submit(simulator.device(2), webhook("/down", ", \"max_retries\": 1, \"retry_intervals\": [1]"));
        awaitEnd(id).then().statusCode(200);
        String delivery = receiver.next("/down", DELIVERY).header("X-NetPilot-Delivery");
        assertEquals("2", receiver.next("/down", DELIVERY).header("X-NetPilot-Attempt"));
        try (RedisProbe redis = new RedisProbe(stack.redisUrl())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> redis.call("XRANGE", "np:webhooks:failed", "-", "+")
                    .toString().contains(delivery));
            String failed = redis.call("XRANGE", "np:webhooks:failed", "-", "+").toString();
            assertTrue(failed.contains(id), failed);
            assertTrue(failed.contains("answered HTTP 500"), failed);
            assertNoSecret("np:webhooks:failed", failed);
            assertEquals(Long.valueOf(0), redis.call("EXISTS", "np:webhook:" + delivery));
            assertNull(redis.call("ZSCORE", "np:webhooks:due", delivery));
        }
    }

    @Test
    void retriesContinueAfterTheExecutorIsKilled() throws Exception {
        receiver.failFirst("/restart", 1);
        String id = submit(simulator.device(3), webhook("/restart", ", \"max_retries\": 3, \"retry_intervals\": [2]"));
        String worker = awaitEnd(id).then().statusCode(200).extract().path("worker");
        WebhookReceiver.Call first = receiver.next("/restart", DELIVERY);
        stack.killExecutor(LocalStack.executorIndex(worker));
        stack.startExecutor(0);
        WebhookReceiver.Call again = receiver.next("/restart", DELIVERY);
        assertEquals(first.header("X-NetPilot-Delivery"), again.header("X-NetPilot-Delivery"));
        assertEquals(id, JSON.readTree(again.body()).get("id").asText());
        assertEquals("sha256=" + hmac(HOOK_SECRET, again.header("X-NetPilot-Timestamp") + "." + again.body()),
                again.header("X-NetPilot-Signature"));
    }

    @Test
    void aJobRefusedForWantOfCapacityStillCallsItsWebhookAndIsAudited() throws Exception {
        for (int i = 0; i < 4; i++) {
            awaitEnd(submit(simulator.device(i), "")).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("finished"));
        }
        String id = submit(simulator.device(4), webhook("/refused", ""));
        awaitEnd(id).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("failed"))
                .body("result.error.type", org.hamcrest.Matchers.equalTo("NoCapacity"));
        WebhookReceiver.Call call = receiver.next("/refused", DELIVERY);
        assertEquals("job.failed", call.header("X-NetPilot-Event"));
        JsonNode payload = JSON.readTree(call.body());
        assertEquals(id, payload.get("id").asText());
        assertEquals("failed", payload.at("/result/type").asText());
        assertEquals("NoCapacity", payload.at("/result/error/type").asText());
        JsonNode entry = auditOf(id);
        assertEquals("failed", entry.get("status").asText());
        assertEquals("NoCapacity", entry.at("/error/type").asText());
        assertEquals("default", entry.get("api_key").asText());
    }

    @Test
    void theAuditTrailKeepsEachModeWithoutSecrets() throws Exception {
        SimulatedDevice device = simulator.device(0);
        String full = submit(device, ", \"audit_mode\": \"full\"" + webhook("/audited", ""));
        String metadata = submit(device, ", \"audit_mode\": \"metadata\"");
        String unspecified = submit(device, "");
        String none = submit(device, ", \"audit_mode\": \"none\"");
        for (String id : List.of(full, metadata, unspecified, none)) {
            awaitEnd(id).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("finished"));
        }

        JsonNode fullEntry = auditOf(full);
        assertEquals("job.ended", fullEntry.get("event").asText());
        assertEquals("finished", fullEntry.get("status").asText());
        assertEquals("default", fullEntry.get("api_key").asText()); // the name of NP_API_KEY, never its value
        assertEquals("full", fullEntry.get("audit_mode").asText());
        assertEquals("netmiko", fullEntry.get("driver").asText());
        assertEquals("command", fullEntry.get("action").asText());
        assertEquals("127.0.0.1", fullEntry.get("host").asText());
        assertEquals(device.port(), fullEntry.get("port").asInt());
        assertEquals("admin", fullEntry.get("username").asText());
        assertEquals("cisco_ios", fullEntry.get("device_type").asText());
        assertEquals("show version", fullEntry.at("/command/0").asText());
        assertNotNull(fullEntry.get("ended_at").textValue());
        assertTrue(fullEntry.at("/result/retval/0/stdout").asText().contains("Cisco IOS"));

        JsonNode metadataEntry = auditOf(metadata);
        assertEquals("metadata", metadataEntry.get("audit_mode").asText());
        assertEquals("show version", metadataEntry.at("/command/0").asText());
        assertNotNull(metadataEntry.get("worker").textValue());
        assertNull(metadataEntry.get("result"), "metadata mode keeps no outputs");
        assertEquals("metadata", auditOf(unspecified).get("audit_mode").asText());

        assertEquals(0, audit("job_id", none).size(), "audit_mode none writes nothing");

        try (RedisProbe redis = new RedisProbe(stack.redisUrl())) {
            assertNoSecret("the audit stream", String.valueOf(redis.call("XRANGE", "np:audit", "-", "+")));
        }
    }

    @Test
    void theAuditTrailPagesNewestFirst() {
        SimulatedDevice device = simulator.device(1);
        String older = submit(device, "");
        awaitEnd(older).then().statusCode(200);
        String newer = submit(device, "");
        awaitEnd(newer).then().statusCode(200);

        Response first = given().header("X-API-KEY", KEY).queryParam("limit", 1).when().get("/audit");
        first.then().statusCode(200);
        assertEquals(newer, first.jsonPath().getString("[0].job_id"));
        String cursor = first.header("X-Next-Cursor");
        assertNotNull(cursor);
        given().header("X-API-KEY", KEY).queryParam("limit", 1).queryParam("cursor", cursor).when().get("/audit")
                .then().statusCode(200).body("[0].job_id", org.hamcrest.Matchers.equalTo(older));
    }

    private static JsonNode auditOf(String jobId) throws Exception {
        JsonNode entries = audit("job_id", jobId);
        assertEquals(1, entries.size(), "audit entries of " + jobId + ": " + entries);
        return entries.get(0);
    }

    private static JsonNode audit(String filter, String value) throws Exception {
        String body = given().header("X-API-KEY", KEY).queryParam(filter, value).when().get("/audit")
                .then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }
}
