package dev.netpilot.plugin;

import java.lang.System.Logger.Level;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The plugins of one kind (drivers, renderers, parsers, schedulers, webhook callers, credential providers), found
 * with {@link ServiceLoader} through a {@link PluginLoader} on first use and kept by name. Built-in plugins are
 * found the same way as the ones in the plugin directory. A broken plugin (a services entry naming a missing
 * class, a constructor or {@code configure} that throws, a name already taken) is logged with its class and the
 * reason and skipped: the others keep working. The first plugin with a name wins; built-ins come first.
 * Thread-safe.
 *
 * @param <T> the plugin interface
 */
public final class Plugins<T> {

    private static final System.Logger LOG = System.getLogger(Plugins.class.getName());
    /** Stop after this many broken entries: a services file can make the iterator fail forever. */
    private static final int MAX_BROKEN = 100;

    private final Class<T> type;
    private final String kind;
    private final Function<? super T, String> nameOf;
    private final Function<? super T, ? extends Collection<String>> aliasesOf;
    private final PluginLoader loader;
    private volatile Map<String, T> byName;

    Plugins(Class<T> type, String kind, Function<? super T, String> nameOf,
            Function<? super T, ? extends Collection<String>> aliasesOf, PluginLoader loader) {
        this.type = type;
        this.kind = kind;
        this.nameOf = nameOf;
        this.aliasesOf = aliasesOf;
        this.loader = loader;
    }

    /**
     * The plugin called {@code name}.
     *
     * @throws UnknownPluginException listing the names that exist
     */
    public T get(String name) {
        T plugin = name == null ? null : byName().get(name);
        if (plugin == null) {
            throw new UnknownPluginException(kind, name, names());
        }
        return plugin;
    }

    /** The plugin called {@code name}, if there is one. */
    public Optional<T> find(String name) {
        return Optional.ofNullable(name == null ? null : byName().get(name));
    }

    /** Every name (aliases included), sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(((TreeMap<String, T>) byName()).navigableKeySet());
    }

    /** Every plugin once, by name. */
    public List<T> all() {
        return byName().values().stream().distinct().toList();
    }

    /** What the names are for, in messages ("driver"). */
    public String kind() {
        return kind;
    }

    private Map<String, T> byName() {
        Map<String, T> found = byName;
        if (found == null) {
            synchronized (this) {
                if (byName == null) {
                    byName = load();
                }
                found = byName;
            }
        }
        return found;
    }

    private Map<String, T> load() {
        TreeMap<String, T> found = new TreeMap<>();
        Iterator<T> providers = ServiceLoader.load(type, loader.classLoader()).iterator();
        int broken = 0;
        while (broken < MAX_BROKEN) {
            T plugin;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                plugin = providers.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                broken++;
                LOG.log(Level.WARNING, "Skipping a broken {0} plugin: {1}", kind, reason(e));
                continue;
            }
            if (!register(plugin, found)) {
                broken++;
            }
        }
        return found;
    }

    private boolean register(T plugin, TreeMap<String, T> found) {
        String className = plugin.getClass().getName();
        List<String> names = new ArrayList<>();
        try {
            if (plugin instanceof Configurable configurable) {
                configurable.configure(loader.config());
            }
            names.add(nameOf.apply(plugin));
            names.addAll(aliasesOf.apply(plugin));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Skipping the {0} plugin {1}{2}: {3}", kind, className, source(plugin), reason(e));
            return false;
        }
        for (String name : names) {
            if (name == null || name.isBlank()) {
                LOG.log(Level.WARNING, "Skipping the {0} plugin {1}{2}: it has no name", kind, className, source(plugin));
                return false;
            }
            T taken = found.get(name);
            if (taken != null) {
                LOG.log(Level.WARNING, "Skipping the {0} plugin {1}{2}: the name ''{3}'' is already taken by {4}{5}",
                        kind, className, source(plugin), name, taken.getClass().getName(), source(taken));
                return false;
            }
        }
        names.forEach(name -> found.put(name, plugin));
        if (loader.fromDirectory(plugin.getClass())) {
            LOG.log(Level.INFO, "Loaded the {0} plugin ''{1}'' ({2}){3}", kind, names.get(0), className, source(plugin));
        }
        return true;
    }

    private static String source(Object plugin) {
        CodeSource code = plugin.getClass().getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return "";
        }
        String location = code.getLocation().getPath();
        return " from " + location.substring(location.lastIndexOf('/', location.length() - 2) + 1);
    }

    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            reason.append(": ").append(cause.getClass().getSimpleName())
                    .append(cause.getMessage() == null ? "" : " " + cause.getMessage());
        }
        return reason.toString();
    }
}
