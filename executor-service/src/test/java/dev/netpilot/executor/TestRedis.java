package dev.netpilot.executor;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A real Redis server on a free loopback port, with a Vert.x client to it, for tests that start no Quarkus. */
public final class TestRedis implements AutoCloseable {

    private final RedisServer server;
    private final Vertx vertx;
    private final Redis redis;

    private TestRedis(RedisServer server, Vertx vertx, Redis redis) {
        this.server = server;
        this.vertx = vertx;
        this.redis = redis;
    }

    public static TestRedis start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        Vertx vertx = Vertx.vertx();
        return new TestRedis(server, vertx, Redis.createClient(vertx, "redis://127.0.0.1:" + port));
    }

    public Vertx vertx() {
        return vertx;
    }

    public Redis redis() {
        return redis;
    }

    @Override
    public void close() throws IOException {
        redis.close();
        vertx.closeAndAwait();
        server.stop();
    }
}
