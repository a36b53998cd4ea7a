package dev.netpilot.api.plugin;

import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.plugin.PluginLoader;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The API's {@link PluginLoader}: the class path and {@code np.plugins.dir} ({@code NP_PLUGINS_DIR}), with the
 * service's settings. The API loads the kinds it runs itself (renderers and parsers); drivers and credential
 * providers run on executors only, and the API knows their names from {@link PluginNames}.
 */
@Singleton
public class ApiPlugins {

    @Produces
    @Singleton
    PluginLoader loader() {
        Config config = ConfigProvider.getConfig();
        Optional<Path> dir = config.getOptionalValue(PluginLoader.DIR_PROPERTY, String.class)
                .filter(value -> !value.isBlank()).map(Path::of);
        PluginConfig settings = key -> config.getOptionalValue(key, String.class);
        return PluginLoader.of(dir, settings);
    }
}
