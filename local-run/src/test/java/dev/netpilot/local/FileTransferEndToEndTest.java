package dev.netpilot.local;

import dev.netpilot.simulator.SimulatedDevice;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Files through the whole path: a multipart upload to the API lands on the simulated device over SFTP, and a
 * download job's file comes back byte for byte through {@code GET /jobs/{id}/files/{name}}. API and executor are
 * separate processes that share nothing but Redis.
 */
class FileTransferEndToEndTest {

    private static final String KEY = "files-key";
    private static TestStack services;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        services = TestStack.start("files", KEY, 1, 1, Map.of());
        stack = services.stack;
        RestAssured.baseURI = stack.apiUrl();
    }

    @AfterAll
    static void stopStack() {
        if (services != null) {
            services.close();
        }
    }

    private static String request(SimulatedDevice device, String fileTransfer) {
        return """
                {"driver": "netmiko",
                 "connection_args": {"device_type": "cisco_ios", "host": "%s", "port": %d,
                                     "username": "admin", "password": "admin"},
                 "file_transfer": %s}""".formatted(device.host(), device.port(), fileTransfer);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static Response awaitEnd(String id) {
        return given().header("X-API-KEY", KEY).queryParam("wait", 30).get("/jobs/" + id);
    }

    @Test
    void aMultipartUploadLandsOnTheDevice() throws Exception {
        SimulatedDevice device = stack.simulator().device(0);
        byte[] content = random(200_000);
        String id = given().header("X-API-KEY", KEY)
                .multiPart("request", request(device, "{\"operation\": \"upload\", \"remote_path\": \"/tmp/\"}"))
                .multiPart("file", "boot.cfg", content)
                .post("/device/exec").then().statusCode(201).extract().path("id");
        Response job = awaitEnd(id);
        job.then().statusCode(200).body("status", equalTo("finished"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].command", equalTo("upload /tmp/boot.cfg"))
                .body("result.retval[0].metadata.transferred_bytes", equalTo(200_000))
                .body("result.retval[0].metadata.transfer_success", equalTo(true));
        Path onDevice = stack.simulator().fileRoot(device).resolve("tmp/boot.cfg");
        assertArrayEquals(content, Files.readAllBytes(onDevice));
    }

    @Test
    void aDownloadedFileIsServedByteForByte() throws Exception {
        SimulatedDevice device = stack.simulator().device(0);
        byte[] content = random(150_000);
        Files.write(stack.simulator().fileRoot(device).resolve("tmp/running.bak"), content);
        String id = given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body(request(device, "{\"operation\": \"download\", \"remote_path\": \"/tmp/running.bak\"}"))
                .post("/device/exec").then().statusCode(201).extract().path("id");
        Response job = awaitEnd(id);
        job.then().statusCode(200).body("status", equalTo("finished"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].command", equalTo("download /tmp/running.bak"))
                .body("result.retval[0].metadata.total_bytes", equalTo(150_000));
        String url = job.path("result.retval[0].download_url");
        assertEquals("/jobs/" + id + "/files/running.bak", url);
        Response file = given().header("X-API-KEY", KEY).get(url);
        assertEquals(200, file.statusCode(), file.asString());
        assertArrayEquals(content, file.asByteArray());
        given().header("X-API-KEY", KEY).get("/jobs/" + id + "/files/nothing.txt").then().statusCode(404);
    }
}
