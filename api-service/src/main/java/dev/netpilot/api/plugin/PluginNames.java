package dev.netpilot.api.plugin;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.job.DriverName;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The driver and credential provider names requests may use: the built-in ones plus those executors announce in
 * Redis ({@link RedisKeys#pluginNames}) when they start. The API never loads executor code to know them; it reads
 * the sets again every {@code np.api.plugin-names-refresh}, so validation stays a memory lookup.
 */
@ApplicationScoped
public class PluginNames {

    /** Known even before any executor has announced itself: the drivers every executor ships with. */
    static final Set<String> BUILT_IN_DRIVERS = DriverName.NETPULSE.stream().map(DriverName::wire)
            .collect(Collectors.toUnmodifiableSet());
    static final Set<String> BUILT_IN_CREDENTIALS = Set.of("vault", "vault_kv", "file", "env");

    private final Redis redis;
    private final Vertx vertx;
    private final ApiConfig config;
    private volatile Set<String> drivers = new TreeSet<>(BUILT_IN_DRIVERS);
    private volatile Set<String> credentials = new TreeSet<>(BUILT_IN_CREDENTIALS);
    private long timer = -1;

    public PluginNames(Redis redis, Vertx vertx, ApiConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        refresh().subscribe().with(ignored -> { }, failure -> { });
        timer = vertx.setPeriodic(config.pluginNamesRefresh().toMillis(),
                id -> refresh().subscribe().with(ignored -> { }, failure -> { }));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The driver names, sorted. */
    public Set<String> drivers() {
        return drivers;
    }

    /** The credential provider names (aliases included), sorted. */
    public Set<String> credentialProviders() {
        return credentials;
    }

    /** Reads the announced names now. */
    public Uni<Void> refresh() {
        return redis.batch(List.of(Request.cmd(Command.SMEMBERS).arg(RedisKeys.pluginNames("driver")),
                        Request.cmd(Command.SMEMBERS).arg(RedisKeys.pluginNames("credential"))))
                .invoke(responses -> {
                    drivers = union(BUILT_IN_DRIVERS, responses.get(0));
                    credentials = union(BUILT_IN_CREDENTIALS, responses.get(1));
                })
                .onFailure().invoke(failure -> Log.debugf("Could not read the plugin names: %s", failure.getMessage()))
                .replaceWithVoid();
    }

    private static Set<String> union(Set<String> builtIn, Response announced) {
        Set<String> names = new TreeSet<>(builtIn);
        if (announced != null) {
            announced.forEach(name -> names.add(name.toString()));
        }
        return names;
    }
}
