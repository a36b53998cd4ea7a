package dev.netpilot.api.webhook;

import dev.netpilot.api.Api;
import dev.netpilot.api.EmbeddedRedis;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.netpilot.api.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** GET /webhooks/failed: the given-up deliveries the executors record, newest first, by pages, for admins only. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class FailedWebhooksEndpointTest {

    @Inject
    RedisDataSource redis;

    /** A given-up delivery as an executor records it, at stream time {@code millis}. */
    private void giveUp(long millis, String job, String error) {
        redis.execute("XADD", RedisKeys.WEBHOOKS_FAILED, millis + "-0", "delivery", "d-" + job, "event",
                "job.completed", "subject", job, "url", "https://hooks.example.net", "attempts", "4", "error", error);
    }

    @Test
    void newestFirstByPages() {
        redis.execute("DEL", RedisKeys.WEBHOOKS_FAILED);
        long base = Instant.now().toEpochMilli();
        giveUp(base, "job-a", "POST https://hooks.example.net answered HTTP 503");
        giveUp(base + 1, "job-b", "POST https://hooks.example.net answered HTTP 500");
        giveUp(base + 2, "job-c", "connection refused");

        String next = as(Api.ADMIN).get("/webhooks/failed?limit=2").then().statusCode(200)
                .body("subject", contains("job-c", "job-b"))
                .body("[0].id", equalTo((base + 2) + "-0"))
                .body("[0].failed_at", equalTo(JobJson.formatTimestamp(Instant.ofEpochMilli(base + 2))))
                .body("[0].delivery", equalTo("d-job-c"))
                .body("[0].event", equalTo("job.completed"))
                .body("[0].url", equalTo("https://hooks.example.net"))
                .body("[0].attempts", equalTo(4))
                .body("[0].error", equalTo("connection refused"))
                .header("X-Next-Cursor", equalTo((base + 1) + "-0"))
                .header("Link", equalTo("</webhooks/failed?cursor=" + (base + 1) + "-0&limit=2>; rel=\"next\""))
                .extract().header("X-Next-Cursor");
        as(Api.ADMIN).get("/webhooks/failed?limit=2&cursor=" + next).then().statusCode(200)
                .body("subject", contains("job-a"))
                .header("X-Next-Cursor", nullValue())
                .header("Link", nullValue());
    }

    @Test
    void adminsOnlyAndBadParametersSayWhatToFix() {
        as(Api.OPERATOR).get("/webhooks/failed").then().statusCode(403)
                .body("detail", containsString("lacks the 'admin' scope"));
        as(Api.ADMIN).get("/webhooks/failed?limit=0").then().statusCode(422)
                .body("errors[0].loc", contains("query", "limit"))
                .body("errors[0].msg", equalTo("must be from 1 to 1000, got 0"));
        as(Api.ADMIN).get("/webhooks/failed?cursor=yesterday").then().statusCode(422)
                .body("errors[0].loc", contains("query", "cursor"))
                .body("errors[0].msg", containsString("got 'yesterday'"));
    }
}
