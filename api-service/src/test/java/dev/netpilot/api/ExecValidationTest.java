package dev.netpilot.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Each malformed body gets a 422 whose message names the field and says what to fix. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class ExecValidationTest {

    private static final String CONNECTION = "\"connection_args\": {\"device_type\": \"cisco_ios\", \"host\": \"r1\"}";

    private static ValidatableResponse post(String body) {
        return given().header("X-API-KEY", "test-key").contentType(ContentType.JSON).body(body)
                .when().post("/device/exec").then();
    }

    @Test
    void notJson() {
        post("{\"driver\": ").statusCode(422).body("detail", containsString("not valid JSON"));
    }

    @Test
    void emptyBody() {
        post("").statusCode(422).body("detail", containsString("request body is empty"));
    }

    @Test
    void missingDriver() {
        post("{" + CONNECTION + ", \"command\": \"show version\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "driver"))
                .body("detail", containsString("driver: must not be null"));
    }

    @Test
    void unknownDriver() {
        post("{\"driver\": \"telnetlib\", " + CONNECTION + ", \"command\": \"show version\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "driver"))
                .body("errors[0].msg", containsString("driver 'telnetlib' is not available; the drivers are: napalm, netmiko, paramiko, pyeapi"));
    }

    @Test
    void ttlOfTheWrongType() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", \"ttl\": \"soon\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "ttl"))
                .body("errors[0].msg", equalTo("must be a whole number, got \"soon\""));
    }

    @Test
    void ttlOutOfBounds() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", \"ttl\": 0}").statusCode(422)
                .body("errors[0].loc", contains("body", "ttl"))
                .body("errors[0].msg", containsString("greater than or equal to 1"));
    }

    @Test
    void resultTtlBelowNetPulsesMinimum() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", \"result_ttl\": 5}").statusCode(422)
                .body("errors[0].loc", contains("body", "result_ttl"));
    }

    @Test
    void commandAndConfigTogether() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", \"config\": \"y\"}").statusCode(422)
                .body("errors[0].msg", equalTo("Only one of `config` or `command` can be set"));
    }

    @Test
    void nothingToDo() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + "}").statusCode(422)
                .body("errors[0].msg", equalTo(
                        "Either `config`, `command`, `file_transfer`, or an actionable `driver_args` set."));
    }

    @Test
    void aCommandListWithANumber() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": [\"show version\", 42]}").statusCode(422)
                .body("errors[0].loc", contains("body", "command"))
                .body("errors[0].msg", equalTo("item 1 must be a string, got number"));
    }

    @Test
    void anObjectPayloadNeedsRendering() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"config\": {\"hostname\": \"r1\"}}").statusCode(422)
                .body("errors[0].msg", equalTo("`rendering` should be set when command/config is a dict"));
    }

    @Test
    void missingHost() {
        post("{\"driver\": \"netmiko\", \"connection_args\": {\"device_type\": \"cisco_ios\"}, \"command\": \"x\"}")
                .statusCode(422)
                .body("errors[0].loc", contains("body", "connection_args", "host"))
                .body("errors[0].msg", equalTo("'host' in connection_args is required"));
    }

    @Test
    void missingConnectionArgs() {
        post("{\"driver\": \"netmiko\", \"command\": \"x\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "connection_args"));
    }

    @Test
    void netmikoNeedsADeviceType() {
        post("{\"driver\": \"netmiko\", \"connection_args\": {\"host\": \"r1\"}, \"command\": \"x\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "connection_args", "device_type"));
    }

    @Test
    void connectionArgsMustBeAnObject() {
        post("{\"driver\": \"netmiko\", \"connection_args\": \"r1\", \"command\": \"x\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "connection_args"))
                .body("errors[0].msg", equalTo("must be an object"));
    }

    @Test
    void webhookNeedsAnHttpUrl() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", \"webhook\": {\"url\": \"ftp://h/x\"}}")
                .statusCode(422)
                .body("errors[0].loc", contains("body", "webhook"))
                .body("errors[0].msg", equalTo("webhook.url must be an absolute http:// or https:// URL with a host"));
    }

    @Test
    void webhookHostsMayBeLimited() {
        // the test profile allows 127.0.0.1, h and hooks.example.net (np.webhook.allow-hosts)
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", "
                + "\"webhook\": {\"url\": \"http://metadata.internal/latest\"}}").statusCode(422)
                .body("errors[0].loc", contains("body", "webhook", "url"))
                .body("errors[0].msg", equalTo("webhooks may call only the hosts in np.webhook.allow-hosts "
                        + "(127.0.0.1, h, hooks.example.net); 'metadata.internal' is not one of them"));
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", "
                + "\"webhook\": {\"url\": \"https://Hooks.Example.NET/netpilot\"}}").statusCode(201);
    }

    @Test
    void webhookBoundsAreNetPulses() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", "
                + "\"webhook\": {\"url\": \"http://h\", \"max_retries\": 11}}").statusCode(422)
                .body("errors[0].msg", containsString("webhook.max_retries must be from 0 to 10"));
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", "
                + "\"webhook\": {\"url\": \"http://h\", \"timeout\": 0.1}}").statusCode(422)
                .body("errors[0].msg", containsString("webhook.timeout must be from 0.5 to 120 seconds"));
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", "
                + "\"webhook\": {\"url\": \"http://h\", \"method\": \"TRACE\"}}").statusCode(422)
                .body("errors[0].msg", containsString("webhook.method must be one of GET, POST, PUT, DELETE, PATCH"));
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", "
                + "\"webhook\": {\"url\": \"http://h\", \"auth\": [\"only-user\"]}}").statusCode(422)
                .body("errors[0].msg", containsString("webhook.auth must be [user, password]"));
    }

    @Test
    void auditModeIsOneOfThree() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", \"audit_mode\": \"everything\"}")
                .statusCode(422)
                .body("errors[0].loc", contains("body", "audit_mode"))
                .body("errors[0].msg", equalTo("audit_mode must be full, metadata or none, got 'everything'"));
    }

    @Test
    void pushIntervalNeedsDetach() {
        post("{\"driver\": \"netmiko\", " + CONNECTION + ", \"command\": \"x\", \"push_interval\": 5}").statusCode(422)
                .body("errors[0].msg", equalTo("`push_interval` requires `detach=True`"));
    }
}
