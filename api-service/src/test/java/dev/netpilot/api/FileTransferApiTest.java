package dev.netpilot.api;

import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static dev.netpilot.api.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploads staged with the job (multipart file) and the download endpoint, against a real Redis. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class FileTransferApiTest {

    private static final String UPLOAD = ", \"file_transfer\": {\"operation\": \"upload\", \"remote_path\": \"/tmp/\"}";

    @Inject
    RedisDataSource redis;

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private Map<String, byte[]> upload(String jobId) {
        return redis.hash(String.class, String.class, byte[].class).hgetall(RedisKeys.jobUpload(jobId));
    }

    @Test
    void theFileIsStoredUnderTheJobsOwnIdUntilItsTtl() {
        byte[] content = random(50_000);
        String id = as(Api.CONFIGURER).multiPart("request", Api.exec(Api.uniqueHost(), UPLOAD
                        + ", \"staged_file_id\": \"/etc/passwd\", \"ttl\": 120"))
                .multiPart("file", "../../my config.cfg", content)
                .post("/device/exec").then().statusCode(201).extract().path("id");
        Map<String, byte[]> stored = upload(id);
        assertEquals("my_config.cfg", new String(stored.get(RedisKeys.UPLOAD_NAME), StandardCharsets.UTF_8),
                "only the last path element, made safe");
        assertArrayEquals(content, stored.get(RedisKeys.UPLOAD_DATA));
        long ttl = redis.key().ttl(RedisKeys.jobUpload(id));
        assertTrue(ttl > 0 && ttl <= 120, "expires with the queue ttl, got " + ttl);
        String request = redis.value(String.class).get(RedisKeys.jobRequest(id));
        assertFalse(request.contains("staged_file_id") || request.contains("/etc/passwd"), request);
    }

    @Test
    void transferringFilesNeedsTheConfigScope() {
        as(Api.OPERATOR).multiPart("request", Api.exec(Api.uniqueHost(), UPLOAD))
                .multiPart("file", "a.cfg", "x".getBytes(StandardCharsets.UTF_8))
                .post("/device/exec").then().statusCode(403).body("detail", containsString("config"));
    }

    @Test
    void aFileAboveTheLimitIs413WithAMessage() {
        as(Api.CONFIGURER).multiPart("request", Api.exec(Api.uniqueHost(), UPLOAD))
                .multiPart("file", "big.bin", random(150_000))
                .post("/device/exec").then().statusCode(413)
                .body("detail", containsString("np.files.max-size"));
        // beyond Quarkus' own body limit the body is never read
        as(Api.CONFIGURER).multiPart("request", Api.exec(Api.uniqueHost(), UPLOAD))
                .multiPart("file", "huge.bin", random(400_000))
                .post("/device/exec").then().statusCode(413);
    }

    @Test
    void aFileNeedsAnUploadAndAnUploadNeedsAFile() {
        as(Api.CONFIGURER).multiPart("request", Api.command(Api.uniqueHost()))
                .multiPart("file", "a.cfg", "x".getBytes(StandardCharsets.UTF_8))
                .post("/device/exec").then().statusCode(422)
                .body("errors[0].loc", contains("form", "file"))
                .body("errors[0].msg", containsString("file_transfer"));
        as(Api.CONFIGURER).multiPart("request", Api.exec(Api.uniqueHost(),
                        ", \"file_transfer\": {\"operation\": \"download\", \"remote_path\": \"/tmp/x\"}"))
                .multiPart("file", "a.cfg", "x".getBytes(StandardCharsets.UTF_8))
                .post("/device/exec").then().statusCode(422)
                .body("errors[0].loc", contains("form", "file"));
        Api.json(Api.CONFIGURER).body(Api.exec(Api.uniqueHost(), UPLOAD)).post("/device/exec").then()
                .statusCode(422)
                .body("errors[0].loc", contains("body", "file_transfer", "local_path"))
                .body("errors[0].msg", containsString("multipart"));
    }

    @Test
    void badFileTransferOptionsNameTheirField() {
        Api.json(Api.CONFIGURER).body(Api.exec(Api.uniqueHost(),
                        ", \"file_transfer\": {\"operation\": \"move\", \"remote_path\": \"/tmp/x\"}"))
                .post("/device/exec").then().statusCode(422)
                .body("errors[0].loc", contains("body", "file_transfer", "operation"))
                .body("errors[0].msg", containsString("\"upload\" or \"download\""));
        Api.json(Api.CONFIGURER).body(Api.exec(Api.uniqueHost(), ", \"file_transfer\": {\"operation\": "
                        + "\"download\", \"remote_path\": \"/tmp/x\", \"chmod\": \"rwx\"}"))
                .post("/device/exec").then().statusCode(422)
                .body("errors[0].loc", contains("body", "file_transfer", "chmod"));
        Api.json(Api.CONFIGURER).body(Api.exec(Api.uniqueHost(),
                        ", \"file_transfer\": {\"operation\": \"download\", \"remote_path\": \"/tmp/x\"}"))
                .post("/device/exec").then().statusCode(201);
    }

    @Test
    void aStoredFileIsServedAsAnAttachment() {
        String jobId = UUID.randomUUID().toString();
        byte[] content = random(30_000);
        var files = redis.hash(String.class, String.class, byte[].class);
        files.hset(RedisKeys.jobFiles(jobId), Map.of("running.cfg", content,
                "site/a b\"c.txt", "hello".getBytes(StandardCharsets.UTF_8)));

        Response response = as(Api.READER).get("/jobs/" + jobId + "/files/running.cfg");
        assertEquals(200, response.statusCode(), response.asString());
        assertArrayEquals(content, response.asByteArray());
        assertEquals("application/octet-stream", response.contentType());
        assertEquals("attachment; filename=\"running.cfg\"; filename*=UTF-8''running.cfg",
                response.header("Content-Disposition"));

        Response nested = as(Api.READER).urlEncodingEnabled(false)
                .get("/jobs/" + jobId + "/files/site/a%20b%22c.txt");
        assertEquals(200, nested.statusCode(), nested.asString());
        assertEquals("hello", nested.asString());
        assertEquals("attachment; filename=\"a_b_c.txt\"; filename*=UTF-8''a%20b%22c.txt",
                nested.header("Content-Disposition"));

        as(Api.READER).get("/jobs/" + jobId + "/files").then().statusCode(200)
                .body("", contains("running.cfg", "site/a b\"c.txt"));
    }

    @Test
    void unknownFilesAre404AndBadNamesAre400() {
        String jobId = UUID.randomUUID().toString();
        redis.hash(String.class, String.class, byte[].class).hset(RedisKeys.jobFiles(jobId), "ok.txt",
                "ok".getBytes(StandardCharsets.UTF_8));
        as(Api.READER).get("/jobs/" + jobId + "/files/other.txt").then().statusCode(404)
                .body("detail", containsString("no file named 'other.txt'"));
        for (String bad : new String[]{"..%2Fok.txt", "%2E%2E%2Fsecret", "%2Fetc%2Fpasswd", "ok.txt%00",
                "a%5C..%5Cb", "a%2F%2Fb", "sub%2F.%2Fok.txt"}) {
            as(Api.READER).urlEncodingEnabled(false).get("/jobs/" + jobId + "/files/" + bad).then()
                    .statusCode(400).body("detail", containsString("file name"));
        }
        as(Api.READER).get("/jobs/" + jobId + "/files").then().statusCode(200).body("", contains("ok.txt"));
    }

    @Test
    void downloadsNeedAKey() {
        given().get("/jobs/" + UUID.randomUUID() + "/files/x.txt").then().statusCode(401);
        given().get("/jobs/" + UUID.randomUUID() + "/files").then().statusCode(401);
    }
}
