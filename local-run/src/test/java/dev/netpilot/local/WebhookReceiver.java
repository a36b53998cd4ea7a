package dev.netpilot.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1: records every call per path and answers 200, or 500 for the first
 * {@link #failFirst} calls of a path.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One received call; header names are lower case. */
    record Call(String method, String path, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final Map<String, BlockingQueue<Call>> calls = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The first {@code count} calls to {@code path} get HTTP 500. */
    void failFirst(String path, int count) {
        failures.put(path, count);
    }

    /** The next call to {@code path}, waiting at most {@code timeout}; fails when none comes. */
    Call next(String path, Duration timeout) throws InterruptedException {
        Call call = queue(path).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (call == null) {
            throw new AssertionError("no webhook call to " + path + " within " + timeout);
        }
        return call;
    }

    private BlockingQueue<Call> queue(String path) {
        return calls.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        int number = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status = number <= failures.getOrDefault(path, 0) ? 500 : 200;
        byte[] answer = (status == 200 ? "ok" : "try again").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
        queue(path).add(new Call(exchange.getRequestMethod(), path, headers, body));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
