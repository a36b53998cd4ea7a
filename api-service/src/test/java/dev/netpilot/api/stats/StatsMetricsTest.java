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

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code netpilot_*} metrics at {@code /q/metrics} show what {@code GET /system/stats} shows, without a key. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class StatsMetricsTest {

    @Inject
    RedisDataSource redis;

    /** The samples of the Prometheus text, by name and labels as written ({@code name{label="value"}}). */
    private static Map<String, Double> metrics() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("netpilot_")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static void assertSample(Map<String, Double> samples, String name, double expected) {
        assertEquals(expected, samples.getOrDefault(name, Double.NaN), name);
    }

    @Test
    void theMetricsFollowTheClusterNumbers() {
        String node = "metrics-node";
        String lane = "admin@metrics-" + Api.uniqueHost() + ":22";
        try {
            FakeNodes.add(redis, node, 100, 2, 1, 3, false);
            redis.execute("SADD", RedisKeys.nodeLanes(node), lane);
            redis.execute("XADD", RedisKeys.lane(lane), "*", "job", "a");
            redis.execute("XADD", RedisKeys.lane(lane), "*", "job", "b");
            redis.execute("HINCRBY", RedisKeys.STATS_SELF_HEALING, "probe_failures", "1");
            json(Api.OPERATOR).body(Api.command(Api.uniqueHost())).post("/device/exec").then().statusCode(201);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonPath stats = as(Api.READER).get("/system/stats").then().statusCode(200).extract().jsonPath();
                Map<String, Double> samples = metrics();
                assertSample(samples, "netpilot_jobs_accepted_total", stats.getLong("jobs.total"));
                for (String status : new String[] {"succeeded", "failed", "cancelled", "expired"}) {
                    assertSample(samples, "netpilot_jobs_total{status=\"" + status + "\"}",
                            stats.getLong("jobs." + status));
                }
                assertSample(samples, "netpilot_jobs_current{state=\"queued\"}", stats.getLong("jobs.queued"));
                assertSample(samples, "netpilot_jobs_current{state=\"in_progress\"}",
                        stats.getLong("jobs.in_progress"));
                assertSample(samples, "netpilot_queue_depth{queue=\"fifo\"}", stats.getLong("queues.FifoQ"));
                assertTrue(samples.get("netpilot_queue_depth{queue=\"pinned\"}") >= 2, samples.toString());
                assertSample(samples, "netpilot_executors{state=\"busy\"}", stats.getLong("workers.busy"));
                assertSample(samples, "netpilot_executors{state=\"idle\"}", stats.getLong("workers.idle"));
                assertSample(samples, "netpilot_executors{state=\"draining\"}", stats.getLong("workers.draining"));
                assertSample(samples, "netpilot_pinned_devices", stats.getLong("nodes.pinned_devices"));
                assertSample(samples, "netpilot_pinned_sessions", stats.getLong("nodes.sessions"));
                assertSample(samples, "netpilot_pinned_capacity", stats.getLong("nodes.total_capacity"));
                assertSample(samples, "netpilot_self_healing_total{kind=\"probe_failure\"}",
                        stats.getLong("self_healing.probe_failures"));
                assertSample(samples, "netpilot_self_healing_total{kind=\"node_failover\"}",
                        stats.getLong("self_healing.node_failovers"));
                assertTrue(stats.getLong("workers.busy") >= 1 && stats.getLong("jobs.queued") >= 1);
                assertTrue(samples.get("netpilot_stats_age_seconds") < 10, samples.toString());
            });
        } finally {
            FakeNodes.remove(redis, node);
            redis.execute("DEL", RedisKeys.lane(lane));
        }
    }
}
