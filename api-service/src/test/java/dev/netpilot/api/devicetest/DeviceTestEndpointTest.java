package dev.netpilot.api.devicetest;

import dev.netpilot.api.Api;
import dev.netpilot.api.EmbeddedRedis;
import dev.netpilot.api.FakeNodes;
import dev.netpilot.job.DeviceTest;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.netpilot.api.Api.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * POST /device/test as the API sees it: validation, scopes, no executor (503), no answer (504), and the contract
 * with executors (the request reaches one through the test stream, its answer comes back) with a stand-in executor
 * that reads the stream the way executors do.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class DeviceTestEndpointTest {

    private static final String NODE = "device-test-node";

    @Inject
    RedisDataSource redis;

    @AfterEach
    void removeNodes() {
        FakeNodes.remove(redis, NODE);
    }

    private static ValidatableResponse test(String key, String body) {
        return json(key).body(body).post("/device/test").then();
    }

    private static String body(String host, String extra) {
        return """
                {"driver": "netmiko", "connection_args": {"device_type": "cisco_ios", "host": "%s",
                 "username": "admin", "password": "admin-pass"}%s}
                """.formatted(host, extra);
    }

    @Test
    void invalidBodiesAre422NamingTheField() {
        test(Api.OPERATOR, "{\"driver\": ").statusCode(422).body("detail", containsString("not valid JSON"));
        test(Api.OPERATOR, "[]").statusCode(422).body("errors[0].msg", equalTo("the body must be a JSON object"));
        test(Api.OPERATOR, "{\"connection_args\": {\"host\": \"r1\", \"device_type\": \"cisco_ios\"}}").statusCode(422)
                .body("errors[0].loc", contains("body", "driver"))
                .body("errors[0].msg", containsString("'driver' is required"));
        test(Api.OPERATOR, "{\"driver\": \"telnetlib\", \"connection_args\": {\"host\": \"r1\"}}").statusCode(422)
                .body("errors[0].loc", contains("body", "driver"))
                .body("errors[0].msg", containsString("driver 'telnetlib' is not available; the drivers are: napalm, netmiko, paramiko, pyeapi"));
        test(Api.OPERATOR, "{\"driver\": \"paramiko\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "connection_args"))
                .body("errors[0].msg", equalTo("'connection_args' is required"));
        test(Api.OPERATOR, "{\"driver\": \"paramiko\", \"connection_args\": \"r1\"}").statusCode(422)
                .body("errors[0].msg", equalTo("must be an object"));
        test(Api.OPERATOR, "{\"driver\": \"paramiko\", \"connection_args\": {\"username\": \"u\"}}").statusCode(422)
                .body("errors[0].loc", contains("body", "connection_args", "host"))
                .body("errors[0].msg", equalTo("'host' in connection_args is required"));
        test(Api.OPERATOR, "{\"driver\": \"netmiko\", \"connection_args\": {\"host\": \"r1\"}}").statusCode(422)
                .body("errors[0].loc", contains("body", "connection_args", "device_type"));
        test(Api.OPERATOR, body("r1", ", \"credential\": {\"name\": \"keepass\", \"ref\": \"netpulse/cisco\"}"))
                .statusCode(422)
                .body("errors[0].loc", contains("body", "credential", "name"))
                .body("errors[0].msg", containsString("credential provider 'keepass' does not exist"));
        for (String timeout : new String[]{"0", "-1", "301", "\"soon\""}) {
            test(Api.OPERATOR, body("r1", ", \"timeout\": " + timeout)).statusCode(422)
                    .body("errors[0].loc", contains("body", "timeout"))
                    .body("errors[0].msg", containsString("must be a number of seconds above 0 and at most 300"));
        }
    }

    @Test
    void needsAKeyWithTheExecScope() {
        given().contentType("application/json").body(body("r1", "")).post("/device/test").then().statusCode(401);
        test(Api.READER, body("r1", "")).statusCode(403).body("detail", containsString("'exec' scope"));
        test(Api.CONFIGURER, body("r1", "")).statusCode(403);
    }

    @Test
    void withoutALiveExecutorTheAnswerIsImmediate503() {
        test(Api.OPERATOR, body(Api.uniqueHost(), ", \"timeout\": 300")).statusCode(503)
                .body("detail", containsString("No executor is running"));
        FakeNodes.add(redis, NODE, 10, 0, 0, 0, true); // a draining node takes no work
        test(Api.OPERATOR, body(Api.uniqueHost(), ", \"timeout\": 300")).statusCode(503);
    }

    @Test
    void noAnswerWithinTheTimeoutIs504WithSuccessFalseAndTheCredentialsGone() {
        FakeNodes.add(redis, NODE, 10, 0, 0, 0, false); // alive, but nobody reads the test stream
        test(Api.OPERATOR, body(Api.uniqueHost(), ", \"timeout\": 0.2")).statusCode(504)
                .body("success", equalTo(false))
                .body("result", nullValue())
                .body("error", containsString("No executor answered within 0.2 s"))
                .body("timestamp", org.hamcrest.Matchers.notNullValue());
        for (String key : redis.key().scan(new KeyScanArgs().match("np:device-test:*")).toIterable()) {
            assertFalse(key.endsWith(":request"), "the test's credentials outlived it: " + key);
        }
    }

    @Test
    void anExecutorTakesTheRequestFromTheStreamAndItsAnswerIsReturned() throws Exception {
        FakeNodes.add(redis, NODE, 10, 0, 0, 0, false);
        CompletableFuture<DeviceTest.Request> taken = standInExecutor(request -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("driver", "napalm");
            result.put("host", request.connectionArgs().get("host"));
            result.put("prompt", "r1#");
            return new DeviceTest.Outcome(true, 0.012, null, result, Instant.now());
        });
        json(Api.OPERATOR).body("""
                        {"driver": "napalm", "connection_args": {"device_type": "eos", "hostname": "r1.test",
                         "username": "admin", "password": "admin-pass", "timeout": 60,
                         "optional_args": {"port": 443}}, "timeout": 20, "unknown": "kept out"}
                        """)
                .post("/device/test").then().statusCode(200)
                .body("success", equalTo(true))
                .body("latency", equalTo(0.012f))
                .body("error", nullValue())
                .body("result.driver", equalTo("napalm"))
                .body("result.host", equalTo("r1.test"))
                .body("result.prompt", equalTo("r1#"));
        DeviceTest.Request request = taken.get(30, TimeUnit.SECONDS);
        assertEquals("r1.test", request.connectionArgs().get("host"), "NetPulse's NAPALM hostname stands for host");
        assertEquals(20.0, request.timeoutSeconds());
        assertEquals(Map.of("port", 443), request.connectionArgs().get("optional_args"));
    }

    @Test
    void aFailedLoginIsSuccessFalseWithHttp200() throws Exception {
        FakeNodes.add(redis, NODE, 10, 0, 0, 0, false);
        standInExecutor(request -> DeviceTest.Outcome.failed("authentication failed for admin@r1:22", 0.004));
        test(Api.OPERATOR, body("r1", "")).statusCode(200)
                .body("success", equalTo(false))
                .body("error", equalTo("authentication failed for admin@r1:22"))
                .body("result", nullValue());
    }

    /**
     * Reads the test stream as executors do (consumer group) until it finds a test whose request is still there,
     * answers it with {@code answer} and returns the request. Entries of earlier tests nobody answered are skipped.
     */
    private CompletableFuture<DeviceTest.Request> standInExecutor(
            java.util.function.Function<DeviceTest.Request, DeviceTest.Outcome> answer) {
        try {
            redis.execute("XGROUP", "CREATE", RedisKeys.DEVICE_TEST_STREAM, RedisKeys.EXECUTOR_GROUP, "$", "MKSTREAM");
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        return CompletableFuture.supplyAsync(() -> answerOne(answer));
    }

    private DeviceTest.Request answerOne(java.util.function.Function<DeviceTest.Request, DeviceTest.Outcome> answer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Response read = redis.execute("XREADGROUP", "GROUP", RedisKeys.EXECUTOR_GROUP, "stand-in", "COUNT",
                    "10", "BLOCK", "5000", "NOACK", "STREAMS", RedisKeys.DEVICE_TEST_STREAM, ">");
            if (read == null) {
                continue;
            }
            for (Response entry : entries(read)) {
                Response fields = entry.get(1);
                String id = fields.isMap() ? fields.get(RedisKeys.STREAM_TEST_FIELD).toString()
                        : fields.get(1).toString();
                Response request = redis.execute("GETDEL", RedisKeys.deviceTestRequest(id));
                if (request != null) {
                    DeviceTest.Request parsed = JobJson.read(request.toString(), DeviceTest.Request.class);
                    redis.execute("SET", RedisKeys.deviceTestResult(id), JobJson.write(answer.apply(parsed)),
                            "EX", "60");
                    redis.execute("PUBLISH", RedisKeys.DEVICE_TEST_DONE_CHANNEL, id);
                    return parsed;
                }
            }
        }
        throw new AssertionError("no test reached the stream within 30 s");
    }

    /** The entries of an XREADGROUP answer (RESP3: {stream: entries}; RESP2: [[stream, entries]]). */
    private static Response entries(Response read) {
        return read.isMap() ? read.get(RedisKeys.DEVICE_TEST_STREAM) : read.get(0).get(1);
    }
}
