package dev.netpilot.executor.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.netpilot.job.WebhookRequest;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code basic} caller against a real HTTP server: what it sends, and what counts as failure. */
class BasicWebhookCallerTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static final CompletableFuture<Map<String, Object>> RECEIVED = new CompletableFuture<>();
    private static final BasicWebhookCaller CALLER = new BasicWebhookCaller();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        CALLER.init(vertx);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/ok", exchange -> {
            RECEIVED.complete(Map.of("method", exchange.getRequestMethod(),
                    "headers", Map.copyOf(exchange.getRequestHeaders()),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/teapot", exchange -> {
            exchange.sendResponseHeaders(418, -1);
            exchange.close();
        });
        server.createContext("/silent", exchange -> {
            // never answers: the caller must give up after the webhook's timeout
        });
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static WebhookMessage message() {
        Delivery delivery = new Delivery("d-1", "job.completed", "job-1",
                new WebhookRequest(null, "http://unused", null, null, null, null, null, null, null, "s3cret"),
                "{\"id\":\"job-1\",\"timestamp\":null}", 0, null);
        return WebhookDeliveries.message(delivery, Instant.ofEpochSecond(1_800_000_000L));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sendsTheMethodHeadersCookiesAndBasicAuth() throws Exception {
        WebhookRequest webhook = new WebhookRequest(null, url("/ok"), "PUT", Map.of("X-Team", "netops",
                "X-NetPilot-Signature", "forged"), Map.of("a", "1"), List.of("hook", "pw"), 5.0, null, null, null);
        WebhookMessage message = message();
        CALLER.call(webhook, message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Map<String, Object> received = RECEIVED.get(10, TimeUnit.SECONDS);
        Map<String, List<String>> headers = (Map<String, List<String>>) received.get("headers");
        assertEquals("PUT", received.get("method"));
        assertEquals(message.body(), received.get("body"));
        assertEquals(List.of("netops"), headers.get("X-team"));
        assertEquals(List.of("a=1"), headers.get("Cookie"));
        assertEquals(List.of("Basic " + Base64.getEncoder().encodeToString("hook:pw".getBytes(StandardCharsets.UTF_8))),
                headers.get("Authorization"));
        assertEquals(List.of(message.headers().get(WebhookDeliveries.SIGNATURE_HEADER)),
                headers.get("X-netpilot-signature"), "a request header cannot replace the signature");
    }

    @Test
    void aNon2xxAnswerFailsTheCall() {
        WebhookRequest webhook = new WebhookRequest(null, url("/teapot"), null, null, null, null, 5.0, null, null, null);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> CALLER.call(webhook, message()).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(WebhookFailedException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().endsWith("answered HTTP 418"), failure.getCause().getMessage());
    }

    @Test
    void aReceiverThatDoesNotAnswerFailsAfterTheTimeout() {
        WebhookRequest webhook = new WebhookRequest(null, url("/silent"), null, null, null, null, 0.5, null, null, null);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> CALLER.call(webhook, message()).toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertInstanceOf(WebhookFailedException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("no answer within 0.5 s"), failure.getCause().getMessage());
    }

    @Test
    void theSignatureCoversTheTimestampAndTheExactBody() {
        WebhookMessage message = message();
        assertEquals("1800000000", message.headers().get(WebhookDeliveries.TIMESTAMP_HEADER));
        assertTrue(message.body().contains("\"timestamp\":\"20"), "the payload carries its send time: "
                + message.body());
        // HMAC-SHA256("s3cret", "1800000000." + body), computed independently of the sender's code.
        assertEquals("sha256=" + hmac("s3cret", "1800000000." + message.body()),
                message.headers().get(WebhookDeliveries.SIGNATURE_HEADER));
        assertEquals("2", WebhookDeliveries.message(new Delivery("d-1", "job.completed", "job-1",
                new WebhookRequest(null, "http://unused", null, null, null, null, null, null, null, null),
                "{}", 1, "x"), Instant.now()).headers().get(WebhookDeliveries.ATTEMPT_HEADER));
    }

    private static String hmac(String secret, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
