package dev.netpilot.api;

import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class ExecEndpointTest {

    private static final String KEY = "test-key";
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}[+-]\\d\\d:\\d\\d";

    @Inject
    RedisDataSource redis;

    private static String request(String extra) {
        return """
                {"driver": "netmiko",
                 "connection_args": {"device_type": "cisco_ios", "host": "10.0.0.1", "username": "admin",
                                     "password": "s3cret-pass", "secret": "en4ble-secret"}%s}
                """.formatted(extra);
    }

    @Test
    void queuesAJobAndKeepsItsSecretsOutOfTheJobRecord() {
        String id = given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body(request(", \"command\": \"show version\""))
                .when().post("/device/exec")
                .then().statusCode(201)
                .body("status", equalTo("queued"))
                .body("queue", equalTo("HostQ_admin@10.0.0.1:22"))
                .body("device_name", equalTo("10.0.0.1"))
                .body("command", contains("show version"))
                .body("created_at", matchesPattern(TIMESTAMP))
                .body("enqueued_at", matchesPattern(TIMESTAMP))
                .body("started_at", nullValue())
                .body("result", nullValue())
                .body("duration", nullValue())
                .body("id", notNullValue())
                .extract().path("id");

        given().header("X-API-KEY", KEY).when().get("/jobs/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("queued"))
                .body(not(containsString("s3cret-pass")));

        String record = redis.value(String.class).get(RedisKeys.job(id));
        assertFalse(record.contains("s3cret-pass") || record.contains("en4ble-secret"), record);
        assertTrue(redis.key().ttl(RedisKeys.jobRequest(id)) > 0, "the credentials must expire with the job");
    }

    @Test
    void netmikoJobsArePinnedToTheirLoginAndFifoJobsGoToTheSharedStream() {
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body(request(", \"command\": \"show version\", \"queue_strategy\": \"fifo\""))
                .when().post("/device/exec")
                .then().statusCode(201).body("queue", equalTo("FifoQ"));
        assertTrue(redis.stream(String.class).xlen(RedisKeys.FIFO_STREAM) > 0);
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body("""
                        {"driver": "netmiko", "command": "show clock",
                         "connection_args": {"device_type": "cisco_ios", "host": "10.0.0.2", "port": 2222,
                                             "username": "ops", "password": "pw"}}""")
                .when().post("/device/exec")
                .then().statusCode(201).body("queue", equalTo("HostQ_ops@10.0.0.2:2222"));
        assertTrue(redis.stream(String.class).xlen(RedisKeys.lane("ops@10.0.0.2:2222")) > 0);
        assertTrue(redis.stream(String.class).xlen(RedisKeys.ASSIGN_STREAM) > 0,
                "a lane without a live owner asks the executors for one");
    }

    @Test
    void aWaitOnAJobThatDoesNotEndReturnsItAsItIsAfterTheWait() {
        String id = given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body(request(", \"command\": [\"show clock\"]")).post("/device/exec")
                .then().statusCode(201).extract().path("id");
        given().header("X-API-KEY", KEY).queryParam("wait", 0.3).when().get("/jobs/" + id)
                .then().statusCode(200).body("status", equalTo("queued"));
    }

    @Test
    void anExecWithWaitAnswersWithTheJobAsItIsWhenItDoesNotEndInTime() {
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON).queryParam("wait", 0.3)
                .body(request(", \"command\": [\"show clock\"]")).post("/device/exec")
                .then().statusCode(201).body("status", equalTo("queued")).body("id", notNullValue());
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON).queryParam("wait", -1)
                .body(request(", \"command\": [\"show clock\"]")).post("/device/exec")
                .then().statusCode(422).body("errors[0].loc", contains("query", "wait"));
    }

    @Test
    void refusesRequestsWithoutTheApiKey() {
        given().contentType(ContentType.JSON).body(request(", \"command\": \"show version\""))
                .when().post("/device/exec")
                .then().statusCode(401).body("detail", containsString("Missing API key"));
    }

    @Test
    void refusesAWrongApiKey() {
        given().header("X-API-KEY", "nope").when().get("/jobs/x")
                .then().statusCode(401).body("detail", containsString("Invalid API key"));
    }

    @Test
    void acceptsTheKeyAsQueryParameterOrCookieLikeNetPulse() {
        given().queryParam("X-API-KEY", KEY).when().get("/jobs/missing").then().statusCode(404);
        given().cookie("X-API-KEY", KEY).when().get("/jobs/missing").then().statusCode(404);
    }

    @Test
    void unknownJobIs404WithAnExplanation() {
        given().header("X-API-KEY", KEY).when().get("/jobs/no-such-job")
                .then().statusCode(404).body("detail", containsString("Job no-such-job not found"))
                .body("detail", containsString("expired"));
    }

    @Test
    void aWaitOutOfRangeIsRejected() {
        given().header("X-API-KEY", KEY).queryParam("wait", 301).when().get("/jobs/x")
                .then().statusCode(422).body("errors[0].loc", contains("query", "wait"));
    }

    @Test
    void healthNeedsNoKeyAndChecksRedis() {
        given().when().get("/health").then().statusCode(200).body("status", equalTo("ok"));
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void openApiDocumentsTheEndpoints() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/device/exec")).body(containsString("/jobs/{id}"));
    }
}
