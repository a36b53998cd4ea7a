package dev.netpilot.api;

import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.netpilot.api.Api.json;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The API checks a {@code credential} object's shape and provider name, and accepts the driver and provider names
 * executors announce; the secret itself is only read by the executor.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class CredentialRequestTest {

    @Inject
    RedisDataSource redis;

    private static ValidatableResponse exec(String driver, String credential) {
        return json(Api.OPERATOR).body("""
                {"driver": "%s", "connection_args": {"device_type": "cisco_ios", "host": "%s"},
                 "command": "show version", "credential": %s}
                """.formatted(driver, Api.uniqueHost(), credential)).post("/device/exec").then();
    }

    @Test
    void aWellFormedCredentialIsQueuedWithoutAnySecret() {
        exec("netmiko", """
                {"name": "vault_kv", "ref": "netpilot/core1", "mount": "kv", "version": 3, "namespace": "team-a",
                 "field_mapping": {"username": "user", "password": "pass"}}""").statusCode(201)
                .body("status", equalTo("queued"));
        exec("netmiko", "{\"ref\": \"core1\"}").statusCode(201);
    }

    @Test
    void eachShapeProblemNamesTheField() {
        exec("netmiko", "{\"name\": \"vault\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "credential", "ref"))
                .body("errors[0].msg", startsWith("credential.ref is required"));
        exec("netmiko", "{\"ref\": \"a\", \"path\": \"b\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "credential", "path"))
                .body("errors[0].msg", equalTo("credential.path is not a credential field; use name, ref, mount, "
                        + "version, namespace, field_mapping"));
        exec("netmiko", "{\"ref\": \"a\", \"version\": \"latest\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "credential", "version"));
        exec("netmiko", "{\"ref\": \"a\", \"field_mapping\": {\"host\": \"h\"}}").statusCode(422)
                .body("errors[0].loc", contains("body", "credential", "field_mapping"));
        exec("netmiko", "\"vault:a\"").statusCode(422).body("errors[0].loc", contains("body", "credential"));
    }

    @Test
    void aBulkDeviceMayHaveItsOwnCredential() {
        String r1 = Api.uniqueHost();
        String r2 = Api.uniqueHost();
        String bulk = """
                {"driver": "netmiko", "connection_args": {"device_type": "cisco_ios"}, "command": "show clock",
                 "credential": {"name": "vault", "ref": "netpilot/shared"},
                 "devices": [{"host": "%s"}, {"host": "%s", "credential": {"name": "file", "ref": "core2"}}]}
                """.formatted(r1, r2);
        String second = json(Api.OPERATOR).body(bulk).post("/device/bulk").then().statusCode(201)
                .extract().path("succeeded[1].id");
        String request = redis.value(String.class).get(RedisKeys.jobRequest(second));
        org.junit.jupiter.api.Assertions.assertTrue(request.contains("\"ref\":\"core2\""), request);

        json(Api.OPERATOR).body(bulk.replace("\"ref\": \"core2\"", "\"path\": \"core2\"")).post("/device/bulk")
                .then().statusCode(422)
                .body("errors[0].loc", contains("body", "devices", 1, "credential", "path"));
    }

    @Test
    void anUnknownProviderListsTheNames() {
        exec("netmiko", "{\"name\": \"cyberark\", \"ref\": \"a\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "credential", "name"))
                .body("errors[0].msg", equalTo("credential provider 'cyberark' does not exist; the providers are: "
                        + "env, file, vault, vault_kv"));
    }

    @Test
    void namesAnnouncedByExecutorsBecomeAcceptable() {
        exec("acme_cli", "{\"name\": \"acme_vault\", \"ref\": \"a\"}").statusCode(422)
                .body("errors[0].loc", contains("body", "driver"))
                .body("errors[0].msg", startsWith("driver 'acme_cli' is not available; the drivers are: napalm, netmiko, paramiko, pyeapi"));

        redis.set(String.class).sadd(RedisKeys.pluginNames("driver"), "netmiko", "acme_cli");
        redis.set(String.class).sadd(RedisKeys.pluginNames("credential"), "acme_vault");
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    exec("acme_cli", "{\"name\": \"acme_vault\", \"ref\": \"a\"}").statusCode(201));
        } finally {
            redis.key().del(RedisKeys.pluginNames("driver"), RedisKeys.pluginNames("credential"));
            // the API's cached names must be gone before another test lists them
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    exec("netmiko", "{\"name\": \"acme_vault\", \"ref\": \"a\"}").statusCode(422));
        }
    }
}
