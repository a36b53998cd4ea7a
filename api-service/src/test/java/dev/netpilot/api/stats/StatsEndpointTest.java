package dev.netpilot.api.stats;

import dev.netpilot.api.Api;
import dev.netpilot.api.EmbeddedRedis;
import dev.netpilot.api.FakeNodes;
import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /system/stats: NetPulse's shape with real numbers. The counters are shared with the other tests of this
 * Redis, so each check compares before and after.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class StatsEndpointTest {

    @Inject
    RedisDataSource redis;

    private static JsonPath stats() {
        return as(Api.READER).get("/system/stats").then().statusCode(200).extract().jsonPath();
    }

    private static long jobs(JsonPath stats, String field) {
        return stats.getLong("jobs." + field);
    }

    @Test
    void countsQueuedCancelledAndExpiredJobsAsTheyChange() {
        JsonPath before = stats();
        String host = Api.uniqueHost();
        String first = json(Api.OPERATOR).body(Api.command(host)).post("/device/exec").then().statusCode(201)
                .extract().path("id");
        json(Api.OPERATOR).body(Api.command(host)).post("/device/exec").then().statusCode(201);
        json(Api.OPERATOR).body(Api.exec(host, ", \"command\": \"x\", \"ttl\": 1")).post("/device/exec")
                .then().statusCode(201);
        JsonPath queued = stats();
        assertEquals(jobs(before, "total") + 3, jobs(queued, "total"));
        assertEquals(jobs(before, "queued") + 3, jobs(queued, "queued"));

        as(Api.OPERATOR).delete("/jobs/" + first).then().statusCode(200);
        JsonPath cancelled = stats();
        assertEquals(jobs(before, "cancelled") + 1, jobs(cancelled, "cancelled"));
        assertEquals(jobs(before, "queued") + 2, jobs(cancelled, "queued"));

        // The job with ttl 1 leaves the queue unrun: counted as expired once its ttl has passed.
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonPath after = stats();
        while (jobs(after, "expired") == jobs(before, "expired")) {
            assertTrue(System.nanoTime() < deadline, "the expired job was not counted: " + after.prettify());
            after = stats();
        }
        assertEquals(jobs(before, "expired") + 1, jobs(after, "expired"));
        assertEquals(jobs(before, "queued") + 1, jobs(after, "queued"));
        // Every accepted job is in exactly one count (compared as changes: other tests write job records directly).
        long counted = 0;
        for (String field : new String[]{"succeeded", "failed", "in_progress", "queued", "cancelled", "expired"}) {
            counted += jobs(after, field) - jobs(before, field);
        }
        assertEquals(jobs(after, "total") - jobs(before, "total"), counted, after.prettify());
    }

    @Test
    void workersNodesQueueDepthsAndSelfHealingFromRedis() {
        String busy = "stats-busy-node";
        String idle = "stats-idle-node";
        String draining = "stats-draining-node";
        String lane = "admin@stats-" + Api.uniqueHost() + ":22";
        JsonPath before = stats();
        try {
            FakeNodes.add(redis, busy, 100, 2, 1, 3, false);
            FakeNodes.add(redis, idle, 50, 1, 1, 0, false);
            FakeNodes.add(redis, draining, 10, 0, 0, 0, true);
            redis.execute("SADD", RedisKeys.nodeLanes(busy), lane);
            redis.execute("XADD", RedisKeys.lane(lane), "*", "job", "a");
            redis.execute("XADD", RedisKeys.lane(lane), "*", "job", "b");
            redis.execute("HINCRBY", RedisKeys.STATS_SELF_HEALING, "probe_failures", "2");
            redis.execute("HINCRBY", RedisKeys.STATS_SELF_HEALING, "node_failovers", "1");

            JsonPath now = stats();
            assertEquals("online", now.getString("status"));
            assertEquals(before.getInt("workers.total") + 3, now.getInt("workers.total"));
            assertEquals(before.getInt("workers.node") + 3, now.getInt("workers.node"));
            assertEquals(before.getInt("workers.fifo") + 2, now.getInt("workers.fifo"));
            assertEquals(before.getInt("workers.busy") + 1, now.getInt("workers.busy"));
            assertEquals(before.getInt("workers.idle") + 1, now.getInt("workers.idle"));
            assertEquals(before.getInt("workers.draining") + 1, now.getInt("workers.draining"));
            assertEquals(before.getInt("workers.pinned") + 3, now.getInt("workers.pinned"));
            assertEquals(before.getInt("nodes.active") + 3, now.getInt("nodes.active"));
            assertEquals(before.getLong("nodes.total_capacity") + 160, now.getLong("nodes.total_capacity"));
            assertEquals(before.getInt("nodes.sessions") + 2, now.getInt("nodes.sessions"));
            assertEquals(2, now.getInt("queues.'HostQ_" + lane + "'"));
            assertTrue(now.getInt("queues.FifoQ") >= 0);
            assertEquals(before.getLong("self_healing.total_triggers") + 3, now.getLong("self_healing.total_triggers"));
            assertEquals(before.getLong("self_healing.probe_failures") + 2, now.getLong("self_healing.probe_failures"));
            assertTrue(now.getLong("uptime_seconds") >= 0);
        } finally {
            FakeNodes.remove(redis, busy);
            FakeNodes.remove(redis, idle);
            FakeNodes.remove(redis, draining);
            redis.execute("DEL", RedisKeys.lane(lane));
        }
        assertEquals(before.getInt("workers.total"), stats().getInt("workers.total"), "dead nodes are not counted");
    }

    @Test
    void needsAKey() {
        given().get("/system/stats").then().statusCode(401);
        as(Api.ADMIN).get("/system/stats").then().statusCode(200);
    }
}
