package dev.netpilot.api.template;

import dev.netpilot.api.Api;
import dev.netpilot.api.EmbeddedRedis;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class TemplateEndpointsTest {

    static ValidatableResponse post(String path, String body) {
        return Api.json(Api.READER).body(body).post(path).then();
    }

    @Test
    void rendersJinja2ByDefaultAsAJsonString() {
        String rendered = post("/template/render", """
                {"template": "hostname {{ name }}\\n{% for v in vlans %}vlan {{ v }}\\n{% endfor %}",
                 "context": {"name": "r1", "vlans": [10, 20]}}""")
                .statusCode(200).contentType("application/json").extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals("\"hostname r1\\nvlan 10\\nvlan 20\\n\"", rendered);
    }

    @Test
    void thePathNamesTheRendererAndWins() {
        post("/template/render/qute", "{\"name\": \"jinja2\", \"template\": \"hostname {name}\", \"context\": {\"name\": \"r2\"}}")
                .statusCode(200).body(equalTo("\"hostname r2\""));
    }

    @Test
    void jinja2OptionsApply() {
        post("/template/render", """
                {"template": "<< name >>", "context": {"name": "r3"},
                 "args": {"variable_start_string": "<<", "variable_end_string": ">>"}}""")
                .statusCode(200).body(equalTo("\"r3\""));
        post("/template/render", "{\"template\": \"x\", \"args\": {\"autoescape\": true}}").statusCode(422)
                .body("errors[0].loc", contains("body", "args"))
                .body("errors[0].msg", containsString("unknown jinja2 option 'autoescape'"));
    }

    @Test
    void unknownEnginesAre404ListingTheNames() {
        post("/template/render/mako", "{\"template\": \"x\"}").statusCode(404)
                .body("detail", equalTo("Renderer mako not found; the renderers are jinja2, qute"));
        post("/template/parse/ttp", "{\"template\": \"x\", \"context\": \"y\"}").statusCode(404)
                .body("detail", equalTo("Parser ttp not found; the parsers are regex, textfsm"));
    }

    @Test
    void aMissingTemplateIs400() {
        post("/template/render", "{\"context\": {}}").statusCode(400)
                .body("detail", containsString("Template source is required"));
        post("/template/render", "{\"template\": \"\"}").statusCode(400);
        post("/template/parse/textfsm", "{\"context\": \"x\"}").statusCode(400)
                .body("detail", containsString("or use_ntc_template: true"));
        post("/template/render", "{\"name\": \"\", \"template\": \"x\"}").statusCode(400);
    }

    @Test
    void templateErrorsAre422NamingTheLine() {
        post("/template/render", "{\"template\": \"a\\n{% for x in y %}\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "template"))
                .body("detail", containsString("line 2"));
        post("/template/render", "{\"template\": \"ip domain {{ domain }}\", \"args\": {\"strict\": true}}")
                .statusCode(422).body("errors[0].msg", containsString("'domain' is undefined"));
        post("/template/render/qute", "{\"template\": \"{#include /etc/passwd /}\"}").statusCode(422)
                .body("errors[0].msg", containsString("not found"));
        post("/template/render", "{\"template\": \"{% include '/etc/passwd' %}\"}").statusCode(422)
                .body("errors[0].msg", containsString("cannot load other templates"));
    }

    @Test
    void parsesTextFsmIntoAnArray() {
        post("/template/parse", """
                {"name": "textfsm",
                 "template": "Value INTF (\\\\S+)\\nValue STATUS (up|down)\\n\\nStart\\n  ^${INTF}\\\\s+${STATUS} -> Record\\n",
                 "context": "Gi0/1 up\\nGi0/2 down\\n"}""")
                .statusCode(200).body("$", hasSize(2)).body("[0].INTF", equalTo("Gi0/1"))
                .body("[1].STATUS", equalTo("down"));
    }

    @Test
    void parsesWithARegex() {
        post("/template/parse/regex", "{\"template\": \"(?P<intf>Gi\\\\S+)\\\\s+(?P<status>up|down)\", "
                + "\"context\": \"Gi0/1 up\\nGi0/2 down\"}")
                .statusCode(200).body("intf", contains("Gi0/1", "Gi0/2"));
    }

    @Test
    void ntcTemplatesNeedNoTemplateField() throws Exception {
        Path tests = Path.of("../../shared/conformance/ntc-templates/tests/cisco_ios/show_version");
        assumeTrue(Files.isDirectory(tests), "no ntc-templates corpus");
        String raw;
        try (var files = Files.list(tests)) {
            raw = Files.readString(files.filter(f -> f.toString().endsWith(".raw")).sorted().findFirst().orElseThrow());
        }
        String body = dev.netpilot.job.JobJson.mapper().writeValueAsString(java.util.Map.of("name", "textfsm",
                "use_ntc_template", true, "ntc_template_args", java.util.Map.of("platform", "cisco_ios",
                        "command", "show version"), "context", raw));
        post("/template/parse", body).statusCode(200).body("$", hasSize(1)).body("[0].version", not(emptyString()));
        post("/template/parse", body.replace("\"cisco_ios\"", "\"no_such_os\"")).statusCode(422)
                .body("errors[0].msg", containsString("No template found for platform 'no_such_os'"));
    }

    @Test
    void theTextIsRequiredAndParseErrorsAre422() {
        post("/template/parse/regex", "{\"template\": \"(?P<x>a)\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "context"));
        post("/template/parse/regex", "{\"template\": \"(?P<x>a\", \"context\": \"a\"}").statusCode(422)
                .body("errors[0].msg", containsString("invalid pattern"));
        post("/template/parse/textfsm", "{\"template\": \"Value X (a)\\n\\nStart\\n  ^${Y}\\n\", \"context\": \"a\"}")
                .statusCode(422).body("errors[0].msg", containsString("Line: 4"));
    }

    @Test
    void needsAKey() {
        io.restassured.RestAssured.given().contentType("application/json").body("{\"template\": \"x\"}")
                .post("/template/render").then().statusCode(401);
    }
}
