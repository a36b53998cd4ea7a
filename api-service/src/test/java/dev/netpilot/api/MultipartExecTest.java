package dev.netpilot.api;

import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.netpilot.api.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** POST /device/exec as a multipart form (NetPulse's upload mode). */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class MultipartExecTest {

    @Inject
    RedisDataSource redis;

    @Test
    void theRequestFieldCarriesTheJson() {
        String host = Api.uniqueHost();
        String id = as(Api.OPERATOR).multiPart("request", Api.exec(host,
                        ", \"command\": \"show version\", \"staged_file_id\": \"/etc/passwd\""))
                .post("/device/exec").then().statusCode(201)
                .body("device_name", equalTo(host)).body("command", contains("show version"))
                .extract().path("id");
        assertFalse(redis.value(String.class).get(RedisKeys.jobRequest(id)).contains("staged_file_id"),
                "a client-set staged_file_id is never honoured");
    }

    @Test
    void theRequestFieldMayBeSentAsAJsonFilePart() {
        String host = Api.uniqueHost();
        as(Api.OPERATOR).multiPart("request", "request.json", Api.command(host).getBytes(StandardCharsets.UTF_8),
                        "application/json")
                .post("/device/exec").then().statusCode(201).body("device_name", equalTo(host));
    }

    @Test
    void aMissingRequestFieldIsNamed() {
        as(Api.OPERATOR).multiPart("other", "x").post("/device/exec").then().statusCode(422)
                .body("detail", equalTo("Field 'request' is required in multipart mode"));
    }

    @Test
    void badJsonInTheRequestField() {
        as(Api.OPERATOR).multiPart("request", "{\"driver\": ").post("/device/exec").then().statusCode(422)
                .body("detail", startsWith("Invalid 'request' JSON: "));
        as(Api.OPERATOR).multiPart("request", "{\"driver\": \"netmiko\"}").post("/device/exec").then()
                .statusCode(422).body("detail", startsWith("Invalid 'request' JSON: "));
    }
}
