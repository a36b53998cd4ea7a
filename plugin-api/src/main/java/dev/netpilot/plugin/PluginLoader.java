package dev.netpilot.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where plugins come from: the application's class path plus every jar of the plugin directory
 * ({@code np.plugins.dir}, environment {@code NP_PLUGINS_DIR}), read through one {@link URLClassLoader} whose
 * parent is the application's class loader. A new jar dropped in the directory is picked up at the next start,
 * without rebuilding anything. The jars are opened on first use only.
 */
public final class PluginLoader {

    /** The property naming the plugin directory. */
    public static final String DIR_PROPERTY = "np.plugins.dir";

    private static final System.Logger LOG = System.getLogger(PluginLoader.class.getName());

    private final Optional<Path> directory;
    private final PluginConfig config;
    private volatile ClassLoader classLoader;

    private PluginLoader(Optional<Path> directory, PluginConfig config) {
        this.directory = directory;
        this.config = config;
    }

    /** Plugins from the class path and {@code directory} (if given), configured from {@code config}. */
    public static PluginLoader of(Optional<Path> directory, PluginConfig config) {
        return new PluginLoader(directory, config);
    }

    /** The directory and settings from system properties and the environment ({@link PluginConfig#system()}). */
    public static PluginLoader fromSystem() {
        PluginConfig config = PluginConfig.system();
        return of(config.get(DIR_PROPERTY).filter(dir -> !dir.isBlank()).map(Path::of), config);
    }

    /** The plugins of one kind, keyed by {@code nameOf}; {@code kind} names it in messages ("driver"). */
    public <T> Plugins<T> plugins(Class<T> type, String kind, Function<? super T, String> nameOf) {
        return plugins(type, kind, nameOf, plugin -> List.of());
    }

    /** As {@link #plugins(Class, String, Function)}, with further names ({@code aliasesOf}) for each plugin. */
    public <T> Plugins<T> plugins(Class<T> type, String kind, Function<? super T, String> nameOf,
                                  Function<? super T, ? extends Collection<String>> aliasesOf) {
        return new Plugins<>(type, kind, nameOf, aliasesOf, this);
    }

    /** The settings handed to {@link Configurable} plugins. */
    public PluginConfig config() {
        return config;
    }

    /** The plugin directory, if one is set. */
    public Optional<Path> directory() {
        return directory;
    }

    /** The class loader that sees the application and the plugin jars. */
    ClassLoader classLoader() {
        ClassLoader loader = classLoader;
        if (loader == null) {
            synchronized (this) {
                if (classLoader == null) {
                    classLoader = open();
                }
                loader = classLoader;
            }
        }
        return loader;
    }

    /** Whether a class came from the plugin directory rather than the application. */
    boolean fromDirectory(Class<?> type) {
        ClassLoader app = PluginLoader.class.getClassLoader();
        return type.getClassLoader() != app && type.getClassLoader() == classLoader;
    }

    private ClassLoader open() {
        ClassLoader app = PluginLoader.class.getClassLoader();
        if (directory.isEmpty()) {
            return app;
        }
        Path dir = directory.get();
        if (!Files.isDirectory(dir)) {
            LOG.log(Level.WARNING, "The plugin directory {0} ({1}) does not exist or is not a directory; "
                    + "only the built-in plugins are available", dir, DIR_PROPERTY);
            return app;
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugin directory " + dir, e);
        }
        LOG.log(Level.INFO, "Plugin directory {0}: {1} jar(s)", dir, jars.size());
        return jars.isEmpty() ? app : new URLClassLoader("netpilot-plugins", jars.toArray(URL[]::new), app);
    }
}
