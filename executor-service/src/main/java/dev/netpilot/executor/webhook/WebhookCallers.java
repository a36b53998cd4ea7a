package dev.netpilot.executor.webhook;

import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.plugin.Plugins;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;

/**
 * The webhook callers by name: the built-in {@code basic} and the plugins, found through {@link PluginLoader}, each
 * set up with the executor's Vert.x.
 */
@Singleton
public class WebhookCallers {

    private final Plugins<WebhookCaller> callers;

    public WebhookCallers(Vertx vertx, PluginLoader loader) {
        callers = loader.plugins(WebhookCaller.class, "webhook caller", WebhookCaller::name);
        callers.all().forEach(caller -> caller.init(vertx.getDelegate()));
    }

    /** The caller named {@code name}, or null. */
    public WebhookCaller find(String name) {
        return callers.find(name).orElse(null);
    }

    public String names() {
        return String.join(", ", callers.names());
    }
}
