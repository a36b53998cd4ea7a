package dev.netpilot.executor.plugin;

import dev.netpilot.credential.Credentials;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.job.RedisKeys;
import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.plugin.PluginLoader;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The executor's plugins: one {@link PluginLoader} over the class path and {@code np.plugins.dir}
 * ({@code NP_PLUGINS_DIR}) with the executor's settings, the drivers and credential providers found through it,
 * and, at start, the announcement of their names in Redis ({@link RedisKeys#pluginNames}) so that the API accepts
 * them.
 */
@Singleton
public class ExecutorPlugins {

    @Produces
    @Singleton
    PluginLoader loader() {
        Config config = ConfigProvider.getConfig();
        Optional<Path> dir = config.getOptionalValue(PluginLoader.DIR_PROPERTY, String.class)
                .filter(value -> !value.isBlank()).map(Path::of);
        PluginConfig settings = key -> config.getOptionalValue(key, String.class);
        return PluginLoader.of(dir, settings);
    }

    @Produces
    @Singleton
    DeviceDrivers drivers(PluginLoader loader) {
        return new DeviceDrivers(loader);
    }

    @Produces
    @Singleton
    Credentials credentials(PluginLoader loader) {
        return new Credentials(loader);
    }

    void announce(@Observes StartupEvent event, DeviceDrivers drivers, Credentials credentials, Redis redis) {
        redis.batch(List.of(add("driver", drivers.names()), add("credential", credentials.names())))
                .subscribe().with(ignored -> Log.infof("Plugins: drivers %s, credential providers %s",
                                drivers.names(), credentials.names()),
                        failure -> Log.warnf("Could not announce the plugin names in Redis: %s", failure.getMessage()));
    }

    private static Request add(String kind, Set<String> names) {
        Request request = Request.cmd(Command.SADD).arg(RedisKeys.pluginNames(kind));
        names.forEach(request::arg);
        return request;
    }
}
