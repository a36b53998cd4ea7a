package dev.netpilot.api.template;

import dev.netpilot.api.Api;
import dev.netpilot.api.EmbeddedRedis;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.api.job.RequestReader;
import dev.netpilot.job.ExecutionRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job's rendering and parsing: shape checks when the body is read, rendering and template resolution after. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class JobTemplatesTest {

    @Inject
    RequestReader reader;
    @Inject
    JobTemplates templates;

    private ExecutionRequest prepare(String extra) {
        return templates.prepare(reader.read(Api.exec("r1", extra))).await().atMost(Duration.ofSeconds(10));
    }

    private InvalidRequestException refused(String extra) {
        return assertThrows(InvalidRequestException.class, () -> prepare(extra));
    }

    @Test
    void anObjectPayloadIsTheContextAndRendersIntoLines() {
        ExecutionRequest request = prepare("""
                , "config": {"interfaces": [{"name": "Gi0/1", "vlan": 10}, {"name": "Gi0/2", "vlan": 20}]},
                  "rendering": {"template": "{% for i in interfaces %}interface {{ i.name }}\\n switchport access vlan {{ i.vlan }}\\n\\n{% endfor %}",
                                "context": {"interfaces": [], "unused": 1}}""");
        assertEquals(List.of("interface Gi0/1", " switchport access vlan 10", "interface Gi0/2",
                " switchport access vlan 20"), request.config().lines());
        assertNull(request.rendering());
    }

    @Test
    void aListStaysAListEachItemATemplate() {
        ExecutionRequest request = prepare("""
                , "command": ["show interface {{ intf }}", "show run interface {intf}"],
                  "rendering": {"name": "qute", "context": {"intf": "Gi0/1"}}""".replace("{{ intf }}", "{intf}"));
        assertEquals(List.of("show interface Gi0/1", "show run interface Gi0/1"), request.command().lines());
    }

    @Test
    void renderingProblemsAre422s() {
        assertEquals(List.of("body", "rendering", "name"), refused(", \"command\": \"x\", \"rendering\": "
                + "{\"name\": \"mako\"}").problems().get(0).loc());
        assertEquals(List.of("body", "rendering", "template"), refused(", \"command\": {\"a\": 1}, \"rendering\": "
                + "{\"context\": {}}").problems().get(0).loc());
        assertTrue(refused(", \"command\": \"x\", \"rendering\": {\"template\": \"y\"}").getMessage()
                .contains("not both"));
        InvalidRequestException undefined = refused(", \"command\": \"show {{ what }}\", \"rendering\": "
                + "{\"args\": {\"strict\": true}}");
        assertEquals(List.of("body", "command"), undefined.problems().get(0).loc());
        assertTrue(undefined.getMessage().contains("'what' is undefined"), undefined.getMessage());
        assertTrue(refused(", \"command\": \"{% if false %}x{% endif %}\", \"rendering\": {}").getMessage()
                .contains("rendered no command line"));
        assertTrue(refused(", \"command\": {\"a\": 1}, \"rendering\": {\"template\": \"store://nope\"}").getMessage()
                .contains("no render template named 'nope'"));
    }

    @Test
    void parseTemplatesAreResolvedToTextAndChecked() {
        Api.as(Api.CONFIGURER).contentType(ContentType.TEXT).body("(?P<word>\\w+)").put("/templates/parse/words")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        ExecutionRequest request = prepare(", \"command\": \"show x\", \"parsing\": {\"name\": \"regex\", "
                + "\"template\": \"store://words\"}");
        assertEquals("(?P<word>\\w+)", request.parsing().get("template"));
        InvalidRequestException bad = refused(", \"command\": \"x\", \"parsing\": {\"name\": \"textfsm\", "
                + "\"template\": \"Value X (a)\\n\\nStart\\n  ^${Y}\\n\"}");
        assertEquals(List.of("body", "parsing", "template"), bad.problems().get(0).loc());
        assertTrue(bad.getMessage().contains("Line: 4"), bad.getMessage());
    }

    @Test
    void useNtcTemplateNeedsNoTemplate() {
        ExecutionRequest request = prepare(", \"command\": \"show version\", \"parsing\": {\"name\": \"textfsm\", "
                + "\"use_ntc_template\": true}");
        assertEquals(Boolean.TRUE, request.parsing().get("use_ntc_template"));
    }

    @Test
    void theExecEndpointChecksTheShapes() {
        Api.json(Api.OPERATOR).body(Api.exec("r1", ", \"command\": \"x\", \"parsing\": {\"name\": \"ttp\", "
                        + "\"template\": \"t\"}")).post("/device/exec").then().statusCode(422)
                .body("errors[0].loc", contains("body", "parsing", "name"))
                .body("errors[0].msg", containsString("Parser ttp not found; the parsers are regex, textfsm"));
        Api.json(Api.OPERATOR).body(Api.exec("r1", ", \"command\": \"x\", \"parsing\": {\"name\": \"textfsm\"}"))
                .post("/device/exec").then().statusCode(422)
                .body("errors[0].loc", contains("body", "parsing", "template"))
                .body("errors[0].msg", containsString("unless use_ntc_template is true"));
        Api.json(Api.OPERATOR).body(Api.exec("r1", ", \"command\": \"x\", \"rendering\": {\"args\": "
                        + "{\"trim_blocks\": \"yes\"}, \"extra\": 1}")).post("/device/exec").then().statusCode(422)
                .body("errors[0].loc", contains("body", "rendering", "extra"));
    }
}
