package dev.netpilot.api;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Idempotency-Key header on exec and bulk. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class IdempotencyTest {

    @Inject
    RedisDataSource redis;

    private static String key() {
        return "retry-" + UUID.randomUUID();
    }

    @Test
    void aRepeatedExecReturnsTheOriginalJobAndQueuesNothing() {
        String host = Api.uniqueHost();
        String key = key();
        String id = json(Api.OPERATOR).header("Idempotency-Key", key).body(Api.command(host)).post("/device/exec")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("id");
        // The same request with its keys in another order is the same request.
        String reordered = """
                {"command": "show version", "connection_args": {"password": "admin-pass", "username": "admin",
                 "host": "%s", "device_type": "cisco_ios"}, "driver": "netmiko"}
                """.formatted(host);
        json(Api.OPERATOR).header("Idempotency-Key", key).body(reordered).post("/device/exec")
                .then().statusCode(200).header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id)).body("status", equalTo("queued"));
        as(Api.READER).get("/jobs?host=" + host).then().body("size()", equalTo(1));
        long ttl = redis.key().ttl("np:idempotency:" + sha256("operator\n" + key));
        assertTrue(ttl > 0 && ttl <= 300, "remembered for the job's ttl: " + ttl);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String key = key();
        json(Api.OPERATOR).header("Idempotency-Key", key).body(Api.command(Api.uniqueHost())).post("/device/exec")
                .then().statusCode(201);
        json(Api.OPERATOR).header("Idempotency-Key", key).body(Api.command(Api.uniqueHost())).post("/device/exec")
                .then().statusCode(422)
                .body("detail", containsString("was already used with a different request"));
    }

    @Test
    void keysAreSeparatePerApiKey() {
        String host = Api.uniqueHost();
        String key = key();
        String first = json(Api.OPERATOR).header("Idempotency-Key", key).body(Api.command(host)).post("/device/exec")
                .then().statusCode(201).extract().path("id");
        String second = json(Api.OTHER).header("Idempotency-Key", key).body(Api.command(host)).post("/device/exec")
                .then().statusCode(201).extract().path("id");
        assertNotEquals(first, second);
    }

    @Test
    void anInvalidRequestDoesNotUseTheKey() {
        String key = key();
        String host = Api.uniqueHost();
        json(Api.OPERATOR).header("Idempotency-Key", key).body("{\"driver\": \"netmiko\"}").post("/device/exec")
                .then().statusCode(422);
        json(Api.OPERATOR).header("Idempotency-Key", key).body(Api.command(host)).post("/device/exec")
                .then().statusCode(201);
    }

    @Test
    void anOverlongKeyIs422() {
        json(Api.OPERATOR).header("Idempotency-Key", "k".repeat(256)).body(Api.command(Api.uniqueHost()))
                .post("/device/exec").then().statusCode(422)
                .body("errors[0].loc", org.hamcrest.Matchers.contains("header", "Idempotency-Key"));
    }

    @Test
    void aRepeatedBulkReturnsTheOriginalBatch() {
        String host = Api.uniqueHost();
        String key = key();
        String body = """
                {"driver": "netmiko", "connection_args": {"device_type": "cisco_ios"}, "command": "show clock",
                 "devices": [{"host": "%s"}]}
                """.formatted(host);
        String batch = json(Api.OPERATOR).header("Idempotency-Key", key).body(body).post("/device/bulk")
                .then().statusCode(201).extract().path("batch_id");
        String again = json(Api.OPERATOR).header("Idempotency-Key", key).body(body).post("/device/bulk")
                .then().statusCode(200).header("Idempotent-Replayed", equalTo("true"))
                .body("succeeded.size()", equalTo(1)).extract().path("batch_id");
        assertEquals(batch, again);
        as(Api.READER).get("/jobs?host=" + host).then().body("size()", equalTo(1));
        json(Api.OPERATOR).header("Idempotency-Key", key).body(Api.command(host)).post("/device/exec")
                .then().statusCode(422);
    }

    @Test
    void aRequestStillBeingAnsweredIs409() throws Exception {
        String key = key();
        String host = Api.uniqueHost();
        json(Api.OPERATOR).header("Idempotency-Key", key).body(Api.command(host)).post("/device/exec")
                .then().statusCode(201);
        // Put the entry back in the state it has while the first request is being answered: claimed, no answer.
        String redisKey = "np:idempotency:" + sha256("operator\n" + key);
        com.fasterxml.jackson.databind.node.ObjectNode entry = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(redis.value(String.class).get(redisKey));
        entry.putNull("answer");
        redis.value(String.class).setex(redisKey, 60, entry.toString());
        json(Api.OPERATOR).header("Idempotency-Key", key).body(Api.command(host)).post("/device/exec")
                .then().statusCode(409).body("detail", containsString("is still being answered"));
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
