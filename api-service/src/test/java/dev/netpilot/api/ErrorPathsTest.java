package dev.netpilot.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The documented error answers not covered elsewhere: each cross-field rule of NetPulse's ExecutionRequest (§1.2)
 * on exec and on bulk, the bounds of every numeric field, the features refused for now, and the 401/403/404 of the
 * remaining endpoints. Also what NetPulse accepts and we must accept too.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class ErrorPathsTest {

    private static final String CONNECTION = "\"connection_args\": {\"device_type\": \"cisco_ios\", \"host\": \"r1\"}";

    private static ValidatableResponse exec(String fields) {
        return json(Api.ALL).body("{\"driver\": \"netmiko\", " + CONNECTION + ", " + fields + "}")
                .post("/device/exec").then();
    }

    private static ValidatableResponse bulk(String fields, String devices) {
        return json(Api.ALL).body("{\"driver\": \"netmiko\", \"connection_args\": {\"device_type\": \"cisco_ios\"}, "
                + fields + (fields.isEmpty() ? "" : ", ") + "\"devices\": " + devices + "}").post("/device/bulk").then();
    }

    @Test
    void everyNumericFieldHasNetPulsesBounds() {
        for (String field : List.of("\"ttl\": 86401", "\"execution_timeout\": 0", "\"execution_timeout\": 86401",
                "\"result_ttl\": 604801", "\"push_interval\": 3601")) {
            String name = field.substring(1, field.indexOf('"', 1));
            exec("\"command\": \"x\", " + field).statusCode(422)
                    .body("errors.loc", hasItem(List.of("body", name)));
        }
        exec("\"command\": \"x\", \"queue_strategy\": \"lifo\"").statusCode(422)
                .body("errors[0].loc", contains("body", "queue_strategy"));
    }

    @Test
    void detachIsRefusedForDriversOtherThanParamiko() {
        exec("\"command\": \"x\", \"detach\": true").statusCode(422)
                .body("errors[0].loc", contains("body", "detach"))
                .body("errors[0].msg", equalTo("Detached mode is currently only supported by the paramiko driver"));
    }

    @Test
    void whatNetPulseAcceptsIsAccepted() {
        exec("\"driver_args\": {}").statusCode(201); // "an empty driver_args is enough to pass"
        exec("\"command\": \"x\", \"detach\": false, \"save\": true, \"enable_mode\": true, \"dry_run\": false, "
                + "\"audit_mode\": \"metadata\", \"some_extra_field\": 1").statusCode(201);
        for (String driver : List.of("paramiko", "pyeapi", "napalm")) {
            String deviceType = driver.equals("napalm") ? ", \"device_type\": \"eos\"" : "";
            json(Api.ALL).body("{\"driver\": \"" + driver + "\", \"connection_args\": {\"host\": \"r1\"" + deviceType
                            + "}, \"command\": \"show version\"}")
                    .post("/device/exec").then().statusCode(201)
                    .body("queue", equalTo("FifoQ"))
                    .body("device_name", equalTo("r1"));
        }
    }

    @Test
    void bulkAppliesEachCrossFieldRuleOfTheBase() {
        bulk("\"command\": \"x\", \"config\": \"y\"", "[{\"host\": \"a\"}]").statusCode(422)
                .body("errors[0].msg", equalTo("Only one of `config` or `command` can be set"));
        bulk("", "[{\"host\": \"a\"}]").statusCode(422)
                .body("errors[0].msg", equalTo(
                        "Either `config`, `command`, `file_transfer`, or an actionable `driver_args` set."));
        bulk("\"config\": {\"hostname\": \"r1\"}", "[{\"host\": \"a\"}]").statusCode(422)
                .body("errors[0].msg", equalTo("`rendering` should be set when command/config is a dict"));
        bulk("\"command\": \"x\", \"push_interval\": 5", "[{\"host\": \"a\"}]").statusCode(422)
                .body("errors[0].msg", equalTo("`push_interval` requires `detach=True`"));
        bulk("\"command\": [\"x\", 1]", "[{\"host\": \"a\"}]").statusCode(422)
                .body("errors[0].loc", contains("body", "command"));
    }

    @Test
    void aDevicesPayloadOverridesTheBaseAndClearsTheOther() {
        String host = Api.uniqueHost();
        bulk("\"config\": [\"hostname base\"]", "[{\"host\": \"" + host + "\", \"command\": \"show clock\"}]")
                .statusCode(201)
                .body("succeeded[0].command", contains("show clock"));
    }

    @Test
    void theRemainingEndpointsNeedAKeyAndTheirScope() {
        given().contentType("application/json").body("{}").post("/device/bulk").then().statusCode(401);
        given().get("/batches/x").then().statusCode(401);
        given().get("/workers").then().statusCode(401);
        given().delete("/workers/x").then().statusCode(401);
        as(Api.OTHER).delete("/workers/x").then().statusCode(403)
                .body("detail", containsString("'admin' scope"));
        as(Api.ADMIN).delete("/workers/no-such-node").then().statusCode(404)
                .body("detail", containsString("Worker no-such-node not found"));
        as(Api.READER).get("/workers?node=no-such-node").then().statusCode(200).body("size()", equalTo(0));
    }
}
