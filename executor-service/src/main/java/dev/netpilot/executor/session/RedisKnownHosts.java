package dev.netpilot.executor.session;

import dev.netpilot.driver.ssh.KnownHosts;
import dev.netpilot.driver.ssh.SshTransport;
import dev.netpilot.job.RedisKeys;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.CompletionStage;

/**
 * The SSH known-hosts table in Redis ({@link RedisKeys#KNOWN_HOSTS}), so that every executor checks a device's
 * host key against the key the first of them saw. Registered with the SSH transport at startup.
 */
@ApplicationScoped
public class RedisKnownHosts implements KnownHosts {

    /** Stores the key unless one is on file, and answers the key on file: one round trip, no race between executors. */
    private static final String STORE_IF_ABSENT = """
            redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('HGET', KEYS[1], ARGV[1])
            """;

    private final Redis redis;

    public RedisKnownHosts(Redis redis) {
        this.redis = redis;
    }

    void register(@Observes StartupEvent event) {
        SshTransport.shared().useKnownHosts(this);
    }

    @Override
    public CompletionStage<String> lookup(String address) {
        return redis.send(Request.cmd(Command.HGET).arg(RedisKeys.KNOWN_HOSTS).arg(address))
                .map(RedisKnownHosts::text).subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<String> storeIfAbsent(String address, String publicKey) {
        return redis.send(Request.cmd(Command.EVAL).arg(STORE_IF_ABSENT).arg(1).arg(RedisKeys.KNOWN_HOSTS)
                        .arg(address).arg(publicKey))
                .map(RedisKnownHosts::text).subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> forget(String address) {
        return redis.send(Request.cmd(Command.HDEL).arg(RedisKeys.KNOWN_HOSTS).arg(address))
                .map(response -> response != null && response.toInteger() > 0).subscribeAsCompletionStage();
    }

    private static String text(Response response) {
        return response == null ? null : response.toString();
    }
}
