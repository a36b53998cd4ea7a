package dev.netpilot.local;

import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import dev.netpilot.simulator.vault.VaultSimulator;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials and plugins through the whole path: a job logs in to a simulated device with a password read from a
 * Vault KV v2 API double by the executor, a plugin driver from the plugin directory runs a job, and afterwards
 * neither the password nor the enable secret is in any Redis key or value, any response, or the services' log.
 */
class CredentialsEndToEndTest {

    private static final String KEY = "credentials-e2e-key";
    private static final String PASSWORD = "Vault-Pw-9c1e7a";
    private static final String ENABLE = "Vault-En-4b1d0f";
    private static final Path LOG = Path.of("target", "credentials-services.log");

    private static VaultSimulator vault;
    private static DeviceSimulator devices;
    private static TestStack services;
    private static final List<String> bodies = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        vault = VaultSimulator.start();
        vault.token("t-executor", List.of("kv/netpilot"));
        vault.put(null, "kv", "netpilot/core1", Map.of("username", "ops", "password", PASSWORD, "secret", ENABLE));
        vault.put(null, "kv", "other/x", Map.of("username", "x", "password", "x"));
        devices = DeviceSimulator.start(SimulatorConfig.builder().devices(1).platform("cisco_ios")
                .username("ops").password(PASSWORD).enableSecret(ENABLE).build());
        Path plugins = Files.createDirectories(Path.of("target", "credentials-e2e-plugins"));
        Path example = exampleJar();
        Files.copy(example, plugins.resolve(example.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        services = TestStack.start("credentials", KEY, 0, 1, Map.of(
                "np.plugins.dir", plugins.toAbsolutePath().toString(),
                "np.credentials.vault.address", vault.address(),
                "np.credentials.vault.token", "t-executor",
                "np.credentials.vault.allowed-paths", "kv/netpilot"));
        RestAssured.baseURI = services.stack.apiUrl();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (devices != null) {
            devices.close();
        }
        if (vault != null) {
            vault.close();
        }
    }

    private static Path exampleJar() throws IOException {
        Path target = LocalStack.home().resolve("examples/plugin-example/target");
        try (var jars = Files.list(target)) {
            return jars.filter(file -> file.getFileName().toString().matches("plugin-example-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build examples/plugin-example first"));
        }
    }

    private static String exec(String driver, String ref, String extra) {
        SimulatedDevice device = devices.device(0);
        String body = given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body("""
                        {"driver": "%s",
                         "connection_args": {"device_type": "cisco_ios", "host": "%s", "port": %d},
                         "credential": {"name": "vault_kv", "ref": "%s"}, %s}"""
                        .formatted(driver, device.host(), device.port(), ref, extra))
                .when().post("/device/exec").then().statusCode(201).extract().asString();
        bodies.add(body);
        return io.restassured.path.json.JsonPath.from(body).getString("id");
    }

    private static ValidatableResponse awaitEnd(String id) {
        String body = given().header("X-API-KEY", KEY).queryParam("wait", 30).when().get("/jobs/" + id)
                .then().statusCode(200).extract().asString();
        bodies.add(body);
        return given().header("X-API-KEY", KEY).when().get("/jobs/" + id).then().statusCode(200);
    }

    @Test
    void jobsLogInWithVaultSecretsThatNeverReachRedisResponsesOrLogs() throws IOException {
        awaitEnd(exec("netmiko", "netpilot/core1", "\"command\": \"show privilege\", \"enable_mode\": true"))
                .body("status", equalTo("finished"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].stdout", containsString("15"));

        awaitEnd(exec("netmiko", "netpilot/absent", "\"command\": \"show version\""))
                .body("status", equalTo("failed"))
                .body("result.error.type", equalTo("CredentialException"))
                .body("result.error.message", containsString("secret not found at Vault path 'kv/netpilot/absent'"));
        awaitEnd(exec("netmiko", "other/x", "\"command\": \"show version\""))
                .body("status", equalTo("failed"))
                .body("result.error.message", containsString("is not allowed by np.credentials.vault.allowed-paths"));

        // the plugin driver's name reaches the API through the executor's announcement
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-KEY", KEY)
                .contentType(ContentType.JSON).body("""
                        {"driver": "example_echo", "connection_args": {"host": "r9"}, "command": "x",
                         "credential": {"ref": "netpilot/core1"}}""")
                .when().post("/device/exec").then().statusCode(201));
        awaitEnd(exec("example_echo", "netpilot/core1", "\"command\": \"show clock\""))
                .body("status", equalTo("finished"))
                .body("result.retval[0].stdout", equalTo("ops@" + devices.device(0).host() + ": show clock"));

        bodies.add(given().header("X-API-KEY", KEY).when().get("/jobs").then().statusCode(200).extract().asString());
        Map<String, String> redis = RedisScan.everything(services.stack.redisUrl());
        assertTrue(redis.size() > 5, "scanned " + redis);
        for (String secret : List.of(PASSWORD, ENABLE)) {
            redis.forEach((key, value) -> assertFalse((key + " => " + value).contains(secret),
                    "a secret in Redis: " + key + " => " + value));
            bodies.forEach(body -> assertFalse(body.contains(secret), "a secret in a response: " + body));
            assertFalse(Files.readString(LOG).contains(secret), "a secret in the services' log");
        }
        assertTrue(vault.requests().contains("GET /v1/kv/data/netpilot/core1 ns= token=yes"), vault.requests()::toString);
    }
}
