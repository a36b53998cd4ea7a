package dev.netpilot.api.knownhost;

import dev.netpilot.api.error.NotFoundException;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The executors' shared table of SSH host keys ({@link RedisKeys#KNOWN_HOSTS}): list it, forget an entry. */
@ApplicationScoped
public class KnownHostService {

    private final Redis redis;

    public KnownHostService(Redis redis) {
        this.redis = redis;
    }

    /** Every recorded host key, by address. */
    public Uni<List<KnownHost>> list() {
        return redis.send(Request.cmd(Command.HGETALL).arg(RedisKeys.KNOWN_HOSTS)).map(all -> {
            List<KnownHost> hosts = new ArrayList<>();
            if (all != null) {
                for (String address : all.getKeys()) {
                    hosts.add(KnownHost.of(address, all.get(address).toString()));
                }
            }
            hosts.sort(Comparator.comparing(KnownHost::address));
            return hosts;
        });
    }

    /** Forgets the key of {@code address}: the next connection records the key the device shows then. */
    public Uni<Void> forget(String address) {
        return redis.send(Request.cmd(Command.HDEL).arg(RedisKeys.KNOWN_HOSTS).arg(address)).chain(removed -> {
            if (removed == null || removed.toInteger() == 0) {
                return Uni.createFrom().failure(new NotFoundException("No known host key for '" + address
                        + "': give the device as host:port, as GET /known-hosts lists it"));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
