package dev.netpilot.executor.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.netpilot.executor.TestRedis;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import dev.netpilot.job.WebhookRequest;
import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.plugin.PluginLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code np.webhook.allow-hosts} on the executor: a host off the list is never called, and the refusal is kept. */
class WebhookAllowHostsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static TestRedis testRedis;
    private static HttpServer receiver;
    private static Vertx vertx;
    private static Redis redis;
    private SimpleMeterRegistry metrics;

    @BeforeAll
    static void start() throws Exception {
        testRedis = TestRedis.start();
        vertx = testRedis.vertx();
        redis = testRedis.redis();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/hook", exchange -> {
            CALLS.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.stop(0);
        testRedis.close();
    }

    @BeforeEach
    void empty() {
        redis.send(Request.cmd(Command.FLUSHALL)).await().atMost(WAIT);
        CALLS.set(0);
        metrics = new SimpleMeterRegistry();
    }

    private double attempts(String outcome) {
        return metrics.get("netpilot.webhook.attempts").tag("outcome", outcome).counter().count();
    }

    @Test
    void aHostOffTheListIsNeverCalled() throws Exception {
        WebhookDeliveries deliveries = deliveries(List.of("hooks.example.net"));
        deliveries.send(webhook("127.0.0.1"), "job.finished", "job-1", Map.of("id", "job-1")).await().atMost(WAIT);

        Response failed = awaitFailed();
        Map<String, String> entry = fields(failed.get(0).get(1));
        assertEquals("job-1", entry.get("subject"));
        assertTrue(entry.get("error").contains("np.webhook.allow-hosts (hooks.example.net)")
                && entry.get("error").contains("'127.0.0.1' is not one of them"), entry.get("error"));
        assertEquals("1", entry.get("attempts"), "refused at once, never retried");
        assertEquals(0, redis.send(Request.cmd(Command.ZCARD).arg(RedisKeys.WEBHOOKS_DUE)).await().atMost(WAIT)
                .toInteger(), "nothing left to retry");
        assertEquals(0, CALLS.get(), "the receiver was not called");
        assertEquals(1, attempts("gave_up"));
        assertEquals(0, attempts("delivered") + attempts("retrying"));
    }

    @Test
    void aListedHostIsCalledWhateverItsCase() throws Exception {
        WebhookDeliveries deliveries = deliveries(List.of("hooks.example.net", "LOCALHOST"));
        deliveries.send(webhook("localhost"), "job.finished", "job-2", Map.of("id", "job-2")).await().atMost(WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((CALLS.get() == 0 || attempts("delivered") == 0) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(1, CALLS.get());
        assertEquals(1, attempts("delivered"));
    }

    private static WebhookRequest webhook(String host) {
        return JobJson.read("{\"url\": \"http://" + host + ":" + receiver.getAddress().getPort() + "/hook\"}",
                WebhookRequest.class);
    }

    private static Response awaitFailed() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Response entries = redis.send(Request.cmd(Command.XRANGE).arg(RedisKeys.WEBHOOKS_FAILED).arg("-").arg("+"))
                    .await().atMost(WAIT);
            if (entries.size() > 0) {
                return entries;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("no failed delivery was recorded within " + WAIT);
    }

    private static Map<String, String> fields(Response flat) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return fields;
    }

    private WebhookDeliveries deliveries(List<String> allowHosts) {
        WebhookConfig config = new WebhookConfig() {
            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int claimBatch() {
                return 64;
            }

            @Override
            public Duration claimMargin() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Optional<List<String>> allowHosts() {
                return Optional.of(allowHosts);
            }

            @Override
            public int failedKept() {
                return 100;
            }
        };
        return new WebhookDeliveries(redis, vertx,
                new WebhookCallers(vertx, PluginLoader.of(Optional.empty(), PluginConfig.of(Map.of()))), config,
                metrics);
    }
}
