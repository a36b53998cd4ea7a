package dev.netpilot.api;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets sent with jobs and connection tests appear in no API response and in no Redis key or value, of any type,
 * except the {@code np:job:<id>:request} keys that carry credentials to the executor (and expire with the job).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class SecretsTest {

    private static final List<String> SECRETS = List.of("Pw-9f3a1c", "En-7b2d4e", "Pk-5c8e0a", "Pp-1a9d7f",
            "Px-3e6b2c", "Sd-8d1f5b", "Tk-4f7a3d", "Ks-2b9c6e", "Pk-6d0e9b", "Wh-5e2a9c", "Wa-8c3f1d", "Wt-1b7e4a",
            "Wc-6d0a3f");

    @Inject
    RedisDataSource redis;

    private static String connection(String host) {
        return """
                {"device_type": "cisco_ios", "host": "%s", "username": "admin", "password": "Pw-9f3a1c",
                 "secret": "En-7b2d4e", "pkey": "Pk-5c8e0a", "passphrase": "Pp-1a9d7f",
                 "proxy_password": "Px-3e6b2c", "proxy_pkey": "Pk-6d0e9b", "proxy_passphrase": "Ks-2b9c6e"}
                """.formatted(host);
    }

    @Test
    void noSecretInAnyResponseOrRedisValue() {
        List<String> bodies = new ArrayList<>();
        String host = Api.uniqueHost();
        String exec = """
                {"driver": "netmiko", "connection_args": %s, "command": "show version",
                 "driver_args": {"sudo_password": "Sd-8d1f5b", "token": "Tk-4f7a3d"},
                 "webhook": {"url": "http://127.0.0.1:9/hook", "secret": "Wh-5e2a9c", "auth": ["hook", "Wa-8c3f1d"],
                             "headers": {"Authorization": "Bearer Wt-1b7e4a"}, "cookies": {"sid": "Wc-6d0a3f"}}}
                """.formatted(connection(host));
        String id = json(Api.OPERATOR).header("Idempotency-Key", "secret-test-" + host).body(exec)
                .post("/device/exec").then().statusCode(201).extract().asString();
        bodies.add(id);
        bodies.add(json(Api.OPERATOR).header("Idempotency-Key", "secret-test-" + host).body(exec)
                .post("/device/exec").then().statusCode(200).extract().asString());
        String jobId = io.restassured.path.json.JsonPath.from(id).getString("id");
        bodies.add(as(Api.READER).get("/jobs/" + jobId).then().statusCode(200).extract().asString());

        String bulk = """
                {"driver": "netmiko", "connection_args": %s, "command": "show clock",
                 "devices": [{"host": "%s", "password": "Pw-9f3a1c", "secret": "En-7b2d4e"},
                             {"host": "%s", "proxy_password": "Px-3e6b2c"}]}
                """.formatted(connection(host), Api.uniqueHost(), Api.uniqueHost());
        String bulkAnswer = json(Api.OTHER).header("Idempotency-Key", "secret-bulk-" + host).body(bulk)
                .post("/device/bulk").then().statusCode(201).extract().asString();
        bodies.add(bulkAnswer);
        String batchId = io.restassured.path.json.JsonPath.from(bulkAnswer).getString("batch_id");
        bodies.add(as(Api.READER).get("/batches/" + batchId).then().statusCode(200).extract().asString());
        bodies.add(as(Api.READER).get("/jobs?limit=1000").then().statusCode(200).extract().asString());
        // Error answers must not echo secrets either.
        bodies.add(json(Api.OPERATOR).body(exec.replace("\"command\": \"show version\",", "\"ttl\": 0, \"command\": \"x\","))
                .post("/device/exec").then().statusCode(422).extract().asString());
        bodies.add(json(Api.OPERATOR).body(bulk.replace("\"proxy_password\"", "\"vault_token\""))
                .post("/device/bulk").then().statusCode(422).extract().asString());
        bodies.add(as(Api.OPERATOR).delete("/jobs/" + jobId).then().statusCode(200).extract().asString());

        // A connection test no executor answers: its request (with the credentials) must not outlive it.
        String test = """
                {"driver": "netmiko", "connection_args": %s, "timeout": 0.2}
                """.formatted(connection(Api.uniqueHost()));
        bodies.add(json(Api.OPERATOR).body(test).post("/device/test").then().statusCode(503).extract().asString());
        FakeNodes.add(redis, "secrets-node", 10, 0, 0, 0, false);
        try {
            bodies.add(json(Api.OPERATOR).body(test).post("/device/test").then().statusCode(504).extract().asString());
        } finally {
            FakeNodes.remove(redis, "secrets-node");
        }
        bodies.add(json(Api.OPERATOR).body(test.replace("0.2", "0")).post("/device/test").then().statusCode(422)
                .extract().asString());
        bodies.add(as(Api.READER).get("/system/stats").then().statusCode(200).extract().asString());

        for (String body : bodies) {
            for (String secret : SECRETS) {
                assertFalse(body.contains(secret), "a response holds the secret " + secret + ": " + body);
            }
        }

        int scanned = 0;
        int credentialKeys = 0;
        for (String key : redis.key().scan(new KeyScanArgs().count(1000)).toIterable()) {
            if (key.matches("np:job:[^:]+:request")) {
                credentialKeys++;
                assertTrue(redis.key().ttl(key) > 0, "credentials must expire: " + key);
                continue;
            }
            String content = key + " " + dump(key);
            scanned++;
            for (String secret : SECRETS) {
                assertFalse(content.contains(secret), "Redis key " + key + " holds the secret " + secret + ": "
                        + content);
            }
        }
        assertTrue(scanned > 5 && credentialKeys >= 2, "scanned " + scanned + " keys");
    }

    /** Every value of a key, whatever its type, as text. */
    private String dump(String key) {
        String type = redis.execute("TYPE", key).toString();
        Response value = switch (type) {
            case "string" -> redis.execute("GET", key);
            case "hash" -> redis.execute("HGETALL", key);
            case "list" -> redis.execute("LRANGE", key, "0", "-1");
            case "set" -> redis.execute("SMEMBERS", key);
            case "zset" -> redis.execute("ZRANGE", key, "0", "-1", "WITHSCORES");
            case "stream" -> redis.execute("XRANGE", key, "-", "+");
            case "none" -> null;
            default -> throw new AssertionError("unexpected type " + type + " of " + key);
        };
        return value == null ? "" : value.toString();
    }
}
