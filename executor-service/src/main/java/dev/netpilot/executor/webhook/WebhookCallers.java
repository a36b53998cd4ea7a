package dev.netpilot.executor.webhook;

import io.quarkus.logging.Log;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The webhook callers on the class path ({@link ServiceLoader}), by name, set up with the executor's Vert.x. */
@ApplicationScoped
public class WebhookCallers {

    private final Map<String, WebhookCaller> byName = new TreeMap<>();

    public WebhookCallers(Vertx vertx) {
        for (WebhookCaller caller : ServiceLoader.load(WebhookCaller.class, WebhookCaller.class.getClassLoader())) {
            WebhookCaller previous = byName.putIfAbsent(caller.name(), caller);
            if (previous != null) {
                Log.warnf("Two webhook callers are named '%s' (%s and %s); using the first", caller.name(),
                        previous.getClass().getName(), caller.getClass().getName());
                continue;
            }
            caller.init(vertx.getDelegate());
        }
    }

    /** The caller named {@code name}, or null. */
    public WebhookCaller find(String name) {
        return byName.get(name);
    }

    public String names() {
        return String.join(", ", byName.keySet());
    }
}
