package dev.netpilot.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/** Every endpoint of this service is in the OpenAPI document with its error answers. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class OpenApiTest {

    @Test
    void documentsEveryEndpointAndItsErrors() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/device/exec"))
                .body("paths", hasKey("/device/bulk"))
                .body("paths", hasKey("/jobs"))
                .body("paths", hasKey("/jobs/{id}"))
                .body("paths", hasKey("/batches/{batch_id}"))
                .body("paths", hasKey("/device/test"))
                .body("paths", hasKey("/system/stats"))
                .body("paths", hasKey("/webhooks/failed"))
                .body("paths.'/device/test'.post.responses.'200'", notNullValue())
                .body("paths.'/device/test'.post.responses.'422'", notNullValue())
                .body("paths.'/device/test'.post.responses.'503'", notNullValue())
                .body("paths.'/device/test'.post.responses.'504'", notNullValue())
                .body("paths.'/device/test'.post.requestBody.content", hasKey("application/json"))
                .body("paths.'/system/stats'.get.responses.'200'", notNullValue())
                .body("paths.'/system/stats'.get.responses.'401'", notNullValue())
                .body("paths.'/device/exec'.post.responses.'403'", notNullValue())
                .body("paths.'/device/bulk'.post.responses.'422'", notNullValue())
                .body("paths.'/jobs'.get.responses.'422'", notNullValue())
                .body("paths.'/jobs'.delete.responses.'403'", notNullValue())
                .body("paths.'/jobs/{id}'.delete.responses.'409'", notNullValue())
                .body("paths.'/jobs/{id}'.delete.responses.'202'", notNullValue())
                .body("paths.'/batches/{batch_id}'.get.responses.'404'", notNullValue())
                .body("paths.'/device/bulk'.post.requestBody.content", hasKey("application/json"))
                .body("paths.'/device/exec'.post.requestBody.content", hasKey("multipart/form-data"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
