package dev.netpilot.api;

import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /device/bulk (NetPulse §1.4) and GET /batches/{id}. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class BulkEndpointTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    RedisDataSource redis;

    private static ValidatableResponse bulk(String body) {
        return json(Api.ALL).body(body).post("/device/bulk").then();
    }

    private static String base(String devices) {
        return """
                {"driver": "netmiko",
                 "connection_args": {"device_type": "cisco_ios", "username": "admin", "password": "pw", "port": 22},
                 "command": ["show version"],
                 "devices": %s}
                """.formatted(devices);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> storedRequest(String jobId) {
        return JobJson.read(redis.value(String.class).get(RedisKeys.jobRequest(jobId)), Map.class);
    }

    @Test
    void expandsOneJobPerDeviceWithItsOverridesAndABatchId() {
        String r1 = Api.uniqueHost();
        String r2 = Api.uniqueHost();
        JsonPath answer = bulk(base("""
                [{"host": "%s"},
                 {"host": "%s", "port": 2222, "username": "other", "config": ["ntp server 10.0.0.9"]}]
                """.formatted(r1, r2)))
                .statusCode(201)
                .body("batch_id", matchesPattern(UUID))
                .body("failed", empty())
                .body("succeeded", hasSize(2))
                .body("succeeded[0].device_name", equalTo(r1))
                .body("succeeded[0].command", contains("show version"))
                .body("succeeded[1].device_name", equalTo(r2))
                .body("succeeded[1].command", contains("ntp server 10.0.0.9"))
                .body("succeeded[0].status", equalTo("queued"))
                .extract().jsonPath();
        String batchId = answer.getString("batch_id");
        assertEquals(batchId, answer.getString("succeeded[0].batch_id"));
        assertEquals(batchId, answer.getString("succeeded[1].batch_id"));

        Map<String, Object> first = storedRequest(answer.getString("succeeded[0].id"));
        Map<String, Object> second = storedRequest(answer.getString("succeeded[1].id"));
        assertEquals(Map.of("device_type", "cisco_ios", "username", "admin", "password", "pw", "port", 22,
                "host", r1, "keepalive", 60), first.get("connection_args"));
        assertEquals("other", ((Map<?, ?>) second.get("connection_args")).get("username"));
        assertEquals(2222, ((Map<?, ?>) second.get("connection_args")).get("port"));
        assertEquals(List.of("ntp server 10.0.0.9"), second.get("config"));
        assertNull(second.get("command"), "a device's config replaces the base command");
        assertEquals(600, first.get("ttl"), "bulk jobs wait 600 s by default, as in NetPulse");
        assertTrue(redis.key().ttl(RedisKeys.job(answer.getString("succeeded[0].id"))) > 300);

        as(Api.READER).get("/jobs?batch_id=" + batchId).then().statusCode(200).body("size()", equalTo(2));
        as(Api.READER).get("/batches/" + batchId).then().statusCode(200)
                .body("batch_id", equalTo(batchId))
                .body("total", equalTo(2))
                .body("counts.queued", equalTo(2))
                .body("counts.finished", equalTo(0))
                .body("counts.expired", equalTo(0))
                .body("done", equalTo(false))
                .body("jobs", contains(answer.getString("succeeded[0].id"), answer.getString("succeeded[1].id")))
                .body("not_queued", empty());
    }

    @Test
    void batchProgressCountsEndedAndExpiredJobs() {
        JsonPath answer = bulk(base("[{\"host\": \"%s\"}, {\"host\": \"%s\"}]"
                .formatted(Api.uniqueHost(), Api.uniqueHost()))).statusCode(201).extract().jsonPath();
        String batchId = answer.getString("batch_id");
        as(Api.ALL).delete("/jobs/" + answer.getString("succeeded[0].id")).then().statusCode(200);
        redis.key().del(RedisKeys.job(answer.getString("succeeded[1].id")));
        as(Api.READER).get("/batches/" + batchId).then().statusCode(200)
                .body("counts.cancelled", equalTo(1))
                .body("counts.expired", equalTo(1))
                .body("counts.queued", equalTo(0))
                .body("done", equalTo(true));
    }

    @Test
    void anUnknownBatchIs404() {
        as(Api.READER).get("/batches/no-such-batch").then().statusCode(404)
                .body("detail", containsString("Batch no-such-batch not found"));
    }

    @Test
    void emptyDevicesQueueNothing() {
        String batchId = bulk(base("[]")).statusCode(201)
                .body("succeeded", empty()).body("failed", empty()).body("batch_id", notNullValue())
                .extract().path("batch_id");
        as(Api.READER).get("/batches/" + batchId).then().statusCode(200).body("total", equalTo(0))
                .body("done", equalTo(true));
    }

    @Test
    void moreThanOnePayloadOnADeviceIsNetPulsesError() {
        bulk(base("[{\"host\": \"r9\", \"command\": \"show clock\", \"config\": \"hostname x\"}]"))
                .statusCode(422)
                .body("errors[0].loc", contains("body", "devices", 0))
                .body("errors[0].msg", equalTo(
                        "Device r9: cannot specify more than one of 'command', 'config', or 'file_transfer'"));
    }

    @Test
    void nonConnectionKeysNeverReachConnectionArgs() {
        String host = Api.uniqueHost();
        bulk(base("[{\"host\": \"%s\", \"site\": \"par1\", \"role\": \"edge\"}]".formatted(host)))
                .statusCode(422)
                .body("errors.loc", hasItem(List.of("body", "devices", 0, "site")))
                .body("errors.loc", hasItem(List.of("body", "devices", 0, "role")))
                .body("errors[0].msg", containsString("'site' is not a connection argument"));
        as(Api.READER).get("/jobs?host=" + host).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void everyExpandedRequestIsValidatedNotOnlyTheFirst() {
        String host = Api.uniqueHost();
        bulk("""
                {"driver": "netmiko", "connection_args": {"username": "u"}, "command": "show clock",
                 "devices": [{"host": "%s", "device_type": "cisco_ios"}, {"host": "r2"}, {"device_type": "cisco_ios"}]}
                """.formatted(host))
                .statusCode(422)
                .body("errors.loc", hasItem(List.of("body", "devices", 1, "device_type")))
                .body("errors.loc", hasItem(List.of("body", "devices", 2, "host")))
                .body("errors.msg", hasItem("'host' is required for each device"))
                .body("errors.loc", not(hasItem(List.of("body", "devices", 0, "device_type"))));
        as(Api.READER).get("/jobs?host=" + host).then().body("size()", equalTo(0));
    }

    @Test
    void baseProblemsAreReportedOnceAtTheirPlace() {
        bulk("""
                {"driver": "netmiko", "connection_args": {"device_type": "cisco_ios"}, "command": "x", "ttl": 0,
                 "devices": [{"host": "a"}, {"host": "b"}]}
                """).statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].loc", contains("body", "ttl"));
    }

    @Test
    void aDevicesPayloadIsValidatedWhereItIs() {
        bulk(base("[{\"host\": \"a\", \"command\": [\"show version\", 7]}]")).statusCode(422)
                .body("errors[0].loc", contains("body", "devices", 0, "command"))
                .body("errors[0].msg", equalTo("item 1 must be a string, got number"));
    }

    @Test
    void devicesAreRequiredAndMustBeObjects() {
        bulk("{\"driver\": \"netmiko\", \"connection_args\": {}, \"command\": \"x\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "devices"))
                .body("errors[0].msg", containsString("`devices` is required"));
        bulk(base("[\"r1\"]")).statusCode(422).body("errors[0].loc", contains("body", "devices", 0));
        bulk(base("{\"host\": \"r1\"}")).statusCode(422).body("errors[0].msg", containsString("must be a list"));
    }

    @Test
    void aBulkWithoutBaseConnectionArgsIsAccepted() {
        bulk("""
                {"driver": "netmiko", "command": "show clock",
                 "devices": [{"host": "%s", "device_type": "cisco_ios"}]}
                """.formatted(Api.uniqueHost())).statusCode(201).body("succeeded", hasSize(1));
    }

    @Test
    void aDevicesFileTransferIsCheckedAsItsPayload() {
        bulk(base("[{\"host\": \"a\", \"file_transfer\": {\"operation\": \"upload\", \"remote_path\": \"/tmp/x\"}}]"))
                .statusCode(422)
                .body("errors[0].loc", contains("body", "devices", 0, "file_transfer", "local_path"))
                .body("errors[0].msg", containsString("an upload needs a file"));
        bulk(base("[{\"host\": \"%s\", \"file_transfer\": {\"operation\": \"download\", \"remote_path\": \"/tmp/x\"}}]"
                .formatted(Api.uniqueHost()))).statusCode(201).body("succeeded", hasSize(1));
    }
}
