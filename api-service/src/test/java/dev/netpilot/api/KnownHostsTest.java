package dev.netpilot.api;

import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.netpilot.api.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Listing and forgetting the SSH host keys the executors recorded, admins only. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class KnownHostsTest {

    /** A real key; its fingerprint as {@code ssh-keygen -lf} prints it. */
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIByTw+XnlT6NMkiSpEL0chC4yG0S/ct+euJJrckKeHWi";
    private static final String FINGERPRINT = "SHA256:ljnDzuT4Zy84io0ALQolDik6vnZcFk7tsEL194FOiog";

    @Inject
    RedisDataSource redis;

    @Test
    void adminsListAndForgetKnownHosts() {
        redis.hash(String.class).hset(RedisKeys.KNOWN_HOSTS, "10.9.8.7:22", KEY);

        as(Api.ADMIN).get("/known-hosts").then().statusCode(200)
                .body("find { it.address == '10.9.8.7:22' }.key_type", equalTo("ssh-ed25519"))
                .body("find { it.address == '10.9.8.7:22' }.fingerprint", equalTo(FINGERPRINT))
                .body("find { it.address == '10.9.8.7:22' }.public_key", equalTo(KEY));
        as(Api.READER).get("/known-hosts").then().statusCode(403);
        as(Api.OPERATOR).delete("/known-hosts/10.9.8.7:22").then().statusCode(403);

        as(Api.ADMIN).delete("/known-hosts/10.9.8.7:22").then().statusCode(200)
                .body("status", equalTo("forgotten")).body("address", equalTo("10.9.8.7:22"));
        as(Api.ADMIN).get("/known-hosts").then().statusCode(200).body("address", not(hasItem("10.9.8.7:22")));
        as(Api.ADMIN).delete("/known-hosts/10.9.8.7:22").then().statusCode(404)
                .body("detail", containsString("GET /known-hosts"));
    }
}
