package dev.netpilot.api;

import dev.netpilot.job.JobJson;
import dev.netpilot.job.NodeInfo;
import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;

import java.time.Instant;

/** Executor node records written straight into Redis, as a live executor's heartbeat writes them. */
public final class FakeNodes {

    private FakeNodes() {
    }

    public static void add(RedisDataSource redis, String name, int capacity, int lanes, int sessions, int fifoRunning,
                           boolean draining) {
        Instant now = Instant.now();
        redis.execute("SET", RedisKeys.node(name), JobJson.write(new NodeInfo(name, "test-host", 4242, capacity,
                lanes, sessions, fifoRunning, 32, 0, 0, draining, now, now)), "PX", "60000");
        redis.execute("SADD", RedisKeys.NODES, name);
    }

    public static void remove(RedisDataSource redis, String name) {
        redis.execute("DEL", RedisKeys.node(name), RedisKeys.nodeLanes(name));
        redis.execute("SREM", RedisKeys.NODES, name);
    }
}
