package dev.netpilot.api.audit;

import dev.netpilot.api.Api;
import dev.netpilot.api.EmbeddedRedis;
import dev.netpilot.job.AuditEntry;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobResult;
import dev.netpilot.job.JobStatus;
import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** GET /audit: filters, time range, pagination, scope; and the entry a cancel in the queue writes. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class AuditEndpointTest {

    @Inject
    RedisDataSource redis;

    /** One entry as an executor writes it, at stream time {@code millis}. */
    private void append(long millis, String jobId, String host, String key, JobStatus status) {
        ExecutionRequest request = JobJson.read("""
                {"driver": "netmiko", "command": "show clock", "audit_mode": "metadata",
                 "connection_args": {"host": "%s", "device_type": "cisco_ios", "username": "admin"}}"""
                .formatted(host), ExecutionRequest.class);
        Instant at = Instant.ofEpochMilli(millis);
        Job job = new Job(jobId, JobStatus.STARTED, at, at, at, null, "FifoQ", "node-1", null, null, host,
                List.of("show clock"), null).ended(status, JobResult.successful(List.of()), at);
        redis.execute("XADD", RedisKeys.AUDIT_STREAM, millis + "-0", RedisKeys.AUDIT_ENTRY_FIELD,
                JobJson.write(AuditEntry.of(AuditEntry.JOB_ENDED, job, request, key)));
    }

    /** Five entries of one host at five consecutive milliseconds after anything already in the stream. */
    private long seed(String host) {
        long base = Instant.now().toEpochMilli() + 60_000;
        append(base, "j0-" + host, host, "ops", JobStatus.FINISHED);
        append(base + 1, "j1-" + host, host, "ops", JobStatus.FAILED);
        append(base + 2, "j2-" + host, host, "other", JobStatus.FINISHED);
        append(base + 3, "j3-" + host, host, "ops", JobStatus.FINISHED);
        append(base + 4, "j4-" + host, host, "other", JobStatus.CANCELLED);
        return base;
    }

    /** Unix seconds with milliseconds, e.g. 1800000000.123. */
    private static String seconds(long millis) {
        return java.math.BigDecimal.valueOf(millis, 3).toPlainString();
    }

    private static Response get(String query) {
        return as(Api.ADMIN).get("/audit?" + query);
    }

    @Test
    void filtersByHostKeyStatusAndTime() {
        String host = Api.uniqueHost();
        long base = seed(host);
        get("host=" + host).then().statusCode(200).body("job_id", contains("j4-" + host, "j3-" + host,
                "j2-" + host, "j1-" + host, "j0-" + host)).body("[0].api_key", equalTo("other"))
                .body("[0].id", equalTo((base + 4) + "-0"));
        get("host=" + host + "&key=ops").then().statusCode(200)
                .body("job_id", contains("j3-" + host, "j1-" + host, "j0-" + host));
        get("host=" + host + "&status=finished").then().statusCode(200)
                .body("job_id", contains("j3-" + host, "j2-" + host, "j0-" + host));
        get("host=" + host + "&since=" + seconds(base + 1) + "&until=" + seconds(base + 3)).then().statusCode(200)
                .body("job_id", contains("j3-" + host, "j2-" + host, "j1-" + host));
        get("host=" + host + "&since=" + Instant.ofEpochMilli(base + 4)).then().statusCode(200)
                .body("job_id", contains("j4-" + host));
        get("job_id=j2-" + host).then().statusCode(200).body("job_id", contains("j2-" + host));
        get("host=nobody-" + host).then().statusCode(200).body("$", empty());
    }

    @Test
    void pagesWithACursor() {
        String host = Api.uniqueHost();
        seed(host);
        Response first = get("host=" + host + "&limit=2");
        first.then().statusCode(200).body("job_id", contains("j4-" + host, "j3-" + host));
        String cursor = first.header("X-Next-Cursor");
        assertNotNull(cursor);
        assertEquals("</audit?cursor=" + cursor + "&host=" + host + "&limit=2>; rel=\"next\"", first.header("Link"));
        Response second = get("host=" + host + "&limit=2&cursor=" + cursor);
        second.then().statusCode(200).body("job_id", contains("j2-" + host, "j1-" + host));
        Response last = get("host=" + host + "&limit=2&cursor=" + second.header("X-Next-Cursor"));
        last.then().statusCode(200).body("job_id", contains("j0-" + host));
        assertNull(last.header("X-Next-Cursor"));
        // Without filters a page is read in one chunk of `limit` entries.
        Response unfiltered = get("limit=1");
        unfiltered.then().statusCode(200).body("$.size()", equalTo(1));
        assertNotNull(unfiltered.header("X-Next-Cursor"));
    }

    @Test
    void needsTheAdminScopeAndSaysWhatIsWrong() {
        as(Api.READER).get("/audit").then().statusCode(403).body("detail", containsString("admin"));
        as(Api.ALL).get("/audit").then().statusCode(200);
        get("status=lost").then().statusCode(422).body("errors[0].loc", contains("query", "status"));
        get("since=yesterday").then().statusCode(422)
                .body("errors[0].msg", containsString("ISO-8601 time with an offset"));
        get("since=2026-05-04T10:00:00Z&until=2026-05-04T09:00:00Z").then().statusCode(422);
        get("limit=0").then().statusCode(422).body("errors[0].loc", contains("query", "limit"));
        get("cursor=not-ours").then().statusCode(422).body("errors[0].loc", contains("query", "cursor"));
    }

    @Test
    void aJobCancelledInItsQueueIsAuditedUnlessItsModeIsNone() {
        String host = Api.uniqueHost();
        String full = json(Api.OPERATOR).body(Api.exec(host, ", \"command\": \"show version\", \"audit_mode\": \"full\""))
                .post("/device/exec").then().statusCode(201).extract().path("id");
        String none = json(Api.OPERATOR).body(Api.exec(host, ", \"command\": \"show version\", \"audit_mode\": \"none\""))
                .post("/device/exec").then().statusCode(201).extract().path("id");
        as(Api.ADMIN).delete("/jobs/" + full).then().statusCode(200);
        as(Api.OPERATOR).delete("/jobs/" + none).then().statusCode(200);

        get("host=" + host).then().statusCode(200)
                .body("$.size()", equalTo(1))
                .body("[0].job_id", equalTo(full))
                .body("[0].event", equalTo("job.cancelled"))
                .body("[0].status", equalTo("cancelled"))
                .body("[0].api_key", equalTo("operator"))
                .body("[0].audit_mode", equalTo("full"))
                .body("[0].driver", equalTo("netmiko"))
                .body("[0].action", equalTo("command"))
                .body("[0].username", equalTo("admin"))
                .body("[0].device_type", equalTo("cisco_ios"))
                .body("[0].command", contains("show version"))
                .body("[0].error.message", containsString("API key 'boss'"))
                .body("[0].result", equalTo(null))
                .body(org.hamcrest.Matchers.not(containsString("admin-pass")));
    }

    @Test
    void aWebhookIsAcceptedAndStaysOutOfTheJobRecord() {
        String host = Api.uniqueHost();
        String answer = json(Api.OPERATOR).body(Api.exec(host, """
                , "command": "show version",
                  "webhook": {"url": "https://hooks.example.net/netpilot", "secret": "Wh-%s"}"""
                .formatted(UUID.randomUUID()))).post("/device/exec").then().statusCode(201).extract().asString();
        String id = io.restassured.path.json.JsonPath.from(answer).getString("id");
        as(Api.READER).get("/jobs/" + id).then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("webhook")))
                .body(org.hamcrest.Matchers.not(containsString("Wh-")));
        String stored = redis.value(String.class).get(RedisKeys.jobRequest(id));
        assertEquals("https://hooks.example.net/netpilot",
                JobJson.read(stored, ExecutionRequest.class).webhook().url(), "the executor gets the webhook");
    }

    @Test
    void changesRefusedToAKnownKeyAreAuditedWithoutTheirValues() throws Exception {
        String since = seconds(Instant.now().toEpochMilli() - 1);
        String host = Api.uniqueHost();
        // 403: the operator key may run commands, not push configuration
        json(Api.OPERATOR).body(Api.exec(host, ", \"config\": [\"ntp server 192.0.2.1\"]")).post("/device/exec")
                .then().statusCode(403);
        // 422: no host; the password sent with it must not reach the trail
        json(Api.OPERATOR).body("{\"driver\": \"netmiko\", \"command\": \"x\", \"connection_args\": "
                + "{\"device_type\": \"cisco_ios\", \"password\": \"Refused-Pw-5e1\"}}").post("/device/exec")
                .then().statusCode(422);
        // 401: no known key, nothing recorded
        json("no-such-key").body(Api.exec(host, ", \"command\": \"x\"")).post("/device/exec").then().statusCode(401);

        Response trail = null;
        for (int i = 0; i < 100; i++) {
            trail = get("key=operator&since=" + since);
            if (trail.jsonPath().getList("findAll { it.event == 'request.refused' }").size() >= 2) {
                break;
            }
            Thread.sleep(50);
        }
        trail.then().statusCode(200)
                .body("findAll { it.event == 'request.refused' }.action",
                        contains("POST /device/exec", "POST /device/exec"))
                .body("findAll { it.event == 'request.refused' }.error.type", contains("HTTP 422", "HTTP 403"))
                .body("findAll { it.event == 'request.refused' }[0].error.message",
                        equalTo("invalid: body.connection_args.host"))
                .body("findAll { it.event == 'request.refused' }[1].error.message",
                        containsString("lacks the 'config' scope"))
                .body(org.hamcrest.Matchers.not(containsString("Refused-Pw-5e1")));
        assertEquals(0, get("since=" + since).jsonPath().getList("findAll { it.api_key == null }").size(),
                "a request without a known key leaves no entry");
    }
}
