package dev.netpilot.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** 401 for a missing or unknown key, 403 naming the missing scope, and each scope opening what it should. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class ScopeTest {

    private static final String CONFIG_BODY = ", \"config\": [\"interface Gi1\", \"description x\"]";

    @Test
    void missingAndUnknownKeysAre401() {
        given().when().get("/jobs").then().statusCode(401).body("detail", containsString("Missing API key"))
                .header("WWW-Authenticate", equalTo("ApiKey"));
        as("reader-key-but-wrong").when().get("/jobs").then().statusCode(401)
                .body("detail", containsString("Invalid API key"));
    }

    @Test
    void aReadOnlyKeyReadsButCannotQueue() {
        as(Api.READER).when().get("/jobs?limit=1").then().statusCode(200);
        as(Api.READER).when().get("/jobs/nope").then().statusCode(404);
        json(Api.READER).body(Api.command(Api.uniqueHost())).post("/device/exec").then().statusCode(403)
                .body("detail", containsString("'reader'"))
                .body("detail", containsString("'exec' or 'config' scope"));
        json(Api.READER).body("{\"devices\": []}").post("/device/bulk").then().statusCode(403);
        as(Api.READER).delete("/jobs/nope").then().statusCode(403);
    }

    @Test
    void execRunsCommandsButNotConfig() {
        String host = Api.uniqueHost();
        json(Api.OPERATOR).body(Api.command(host)).post("/device/exec").then().statusCode(201);
        json(Api.OPERATOR).body(Api.exec(host, CONFIG_BODY)).post("/device/exec").then().statusCode(403)
                .body("detail", equalTo("The API key 'operator' (scopes: read, exec) lacks the 'config' scope, "
                        + "which pushing configuration (POST /device/exec) needs"));
    }

    @Test
    void configPushesConfigButRunsNoCommands() {
        String host = Api.uniqueHost();
        json(Api.CONFIGURER).body(Api.exec(host, CONFIG_BODY)).post("/device/exec").then().statusCode(201);
        json(Api.CONFIGURER).body(Api.command(host)).post("/device/exec").then().statusCode(403)
                .body("detail", containsString("lacks the 'exec' scope, which running commands"));
    }

    @Test
    void bulkNeedsTheScopeOfEveryDevice() {
        String body = """
                {"driver": "netmiko", "connection_args": {"device_type": "cisco_ios", "username": "u"},
                 "command": "show clock",
                 "devices": [{"host": "%s"}, {"host": "%s", "config": ["ntp server 10.0.0.9"]}]}
                """.formatted(Api.uniqueHost(), Api.uniqueHost());
        json(Api.OPERATOR).body(body).post("/device/bulk").then().statusCode(403)
                .body("detail", containsString("'config' scope, which pushing configuration (POST /device/bulk)"));
        json(Api.OTHER).body(body).post("/device/bulk").then().statusCode(201);
    }

    @Test
    void cancellingByHostNeedsAdmin() {
        as(Api.OTHER).delete("/jobs?host=x").then().statusCode(403)
                .body("detail", containsString("lacks the 'admin' scope, which DELETE /jobs needs"));
        as(Api.ADMIN).delete("/jobs?host=" + Api.uniqueHost()).then().statusCode(200);
    }

    @Test
    void adminAndTheSingleKeyCanDoEverything() {
        for (String key : new String[]{Api.ADMIN, Api.ALL}) {
            String host = Api.uniqueHost();
            json(key).body(Api.command(host)).post("/device/exec").then().statusCode(201);
            json(key).body(Api.exec(host, CONFIG_BODY)).post("/device/exec").then().statusCode(201);
            as(key).get("/jobs?host=" + host).then().statusCode(200).body("size()", equalTo(2));
        }
    }
}
