package dev.netpilot.executor.session;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException.DeviceConnectionException;
import dev.netpilot.driver.ssh.InMemoryKnownHosts;
import dev.netpilot.driver.ssh.SshTransport;
import dev.netpilot.executor.TestRedis;
import dev.netpilot.job.RedisKeys;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The known-hosts table in a real Redis, shared by two tables as by two executors, and used by the SSH transport. */
class RedisKnownHostsTest {

    private static TestRedis testRedis;
    private static Vertx vertx;
    private static Redis redis;
    private static DeviceSimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        testRedis = TestRedis.start();
        vertx = testRedis.vertx();
        redis = testRedis.redis();
        simulator = DeviceSimulator.start(SimulatorConfig.builder().devices(1).build());
    }

    @AfterAll
    static void stop() throws Exception {
        SshTransport.shared().useKnownHosts(new InMemoryKnownHosts());
        if (simulator != null) {
            simulator.close();
        }
        if (testRedis != null) {
            testRedis.close();
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String hget(String field) {
        Response value = redis.send(Request.cmd(Command.HGET).arg(RedisKeys.KNOWN_HOSTS).arg(field))
                .await().atMost(Duration.ofSeconds(5));
        return value == null ? null : value.toString();
    }

    @Test
    void theFirstKeyStoredWinsForEveryExecutor() throws Exception {
        RedisKnownHosts first = new RedisKnownHosts(redis);
        RedisKnownHosts second = new RedisKnownHosts(redis);
        String address = "10.0.0.1:22";
        assertNull(await(first.lookup(address)));
        assertEquals("ssh-ed25519 AAAA-first", await(first.storeIfAbsent(address, "ssh-ed25519 AAAA-first")));
        assertEquals("ssh-ed25519 AAAA-first", await(second.storeIfAbsent(address, "ssh-ed25519 AAAA-other")),
                "a second executor learns the key on file instead of replacing it");
        assertEquals("ssh-ed25519 AAAA-first", await(second.lookup(address)));
        assertEquals("ssh-ed25519 AAAA-first", hget(address));
        assertTrue(await(second.forget(address)));
        assertFalse(await(first.forget(address)));
        assertNull(await(first.lookup(address)));
    }

    @Test
    void sshConnectionsRecordAndCheckHostKeysInRedis() throws Exception {
        SshTransport.shared().useKnownHosts(new RedisKnownHosts(redis));
        SimulatedDevice device = simulator.device(0);
        String address = device.host() + ":" + device.port();
        ConnectionSpec spec = ConnectionSpec.from(Map.of("host", device.host(), "port", device.port(),
                "username", "admin", "password", "admin"));

        ClientSession session = await(SshTransport.shared().connect(spec));
        session.close(true);
        String stored = hget(address);
        assertTrue(stored != null && stored.startsWith("ecdsa-sha2-nistp256 "), String.valueOf(stored));

        simulator.rotateHostKey();
        DeviceConnectionException changed = assertThrows(DeviceConnectionException.class,
                () -> await(SshTransport.shared().connect(spec)));
        assertTrue(changed.getMessage().contains("host key changed for " + address), changed.getMessage());
        assertEquals(stored, hget(address));
    }
}
