package dev.netpilot.api.template;

import dev.netpilot.api.Api;
import dev.netpilot.api.EmbeddedRedis;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class TemplateStoreTest {

    private static String uniqueName() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8) + ".j2";
    }

    private static io.restassured.response.ValidatableResponse put(String key, String path, String text) {
        return Api.as(key).contentType("text/plain").body(text).put(path).then();
    }

    @Test
    void putGetListReplaceDelete() {
        String name = uniqueName();
        String path = "/templates/render/" + name;
        put(Api.CONFIGURER, path, "hostname {{ name }}").statusCode(201)
                .body("kind", equalTo("render")).body("name", equalTo(name)).body("bytes", equalTo(19));
        Api.as(Api.READER).get(path).then().statusCode(200).contentType("text/plain")
                .body(equalTo("hostname {{ name }}"));
        Api.as(Api.READER).get("/templates/render").then().statusCode(200).body("$", hasItem(name));
        Api.as(Api.READER).get("/templates/parse").then().statusCode(200).body("$", not(hasItem(name)));
        put(Api.CONFIGURER, path, "hostname {{ name | upper }}").statusCode(200);
        TemplateEndpointsTest.post("/template/render", "{\"template\": \"store://" + name + "\", "
                + "\"context\": {\"name\": \"r1\"}}").statusCode(200).body(equalTo("\"hostname R1\""));
        Api.as(Api.CONFIGURER).delete(path).then().statusCode(204);
        Api.as(Api.READER).get(path).then().statusCode(404)
                .body("detail", equalTo("No render template named '" + name + "' in the store"));
        Api.as(Api.CONFIGURER).delete(path).then().statusCode(404);
        TemplateEndpointsTest.post("/template/render", "{\"template\": \"store://" + name + "\"}").statusCode(422)
                .body("errors[0].msg", containsString("PUT /templates/render/" + name));
    }

    @Test
    void writingNeedsTheConfigScope() {
        String path = "/templates/parse/" + uniqueName();
        put(Api.READER, path, "x").statusCode(403);
        put(Api.OPERATOR, path, "x").statusCode(403);
        Api.as(Api.OPERATOR).delete(path).then().statusCode(403);
        Api.as("").get(path).then().statusCode(401);
    }

    @Test
    void badNamesKindsAndBodies() {
        put(Api.CONFIGURER, "/templates/render/.hidden", "x").statusCode(422)
                .body("detail", containsString("invalid template name '.hidden'"));
        put(Api.CONFIGURER, "/templates/render/" + uniqueName(), "").statusCode(422)
                .body("detail", containsString("the template is empty"));
        put(Api.CONFIGURER, "/templates/macro/x", "x").statusCode(404)
                .body("detail", equalTo("Unknown template kind 'macro': use render or parse"));
    }
}
