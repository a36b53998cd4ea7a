package dev.netpilot.api.auth;

import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who sent a request: the NAME of the API key it presented (never its value) and the key's scopes. Set on the
 * request by {@link ApiKeyFilter}; resources read it with {@link #of(RoutingContext)}.
 */
public record Caller(String name, Set<Scope> scopes) {

    private static final String ATTRIBUTE = "netpilot.caller";

    public Caller {
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    public boolean hasAny(Scope... wanted) {
        for (Scope scope : wanted) {
            if (has(scope)) {
                return true;
            }
        }
        return false;
    }

    /** Throws {@link MissingScopeException} unless the key has {@code scope}; {@code action} says what needs it. */
    public void require(Scope scope, String action) {
        if (!has(scope)) {
            throw new MissingScopeException("The API key '" + name + "' (scopes: " + scopeNames() + ") lacks the '"
                    + scope.wire() + "' scope, which " + action + " needs");
        }
    }

    public String scopeNames() {
        return scopes.isEmpty() ? "none" : scopes.stream().sorted().map(Scope::wire).collect(Collectors.joining(", "));
    }

    void attachTo(RoutingContext routing) {
        routing.put(ATTRIBUTE, this);
    }

    /** The caller of the current request, or null when it presented no known key (or the route needs none). */
    public static Caller orNull(RoutingContext routing) {
        return routing.get(ATTRIBUTE);
    }

    /** The caller of the current request; the API key filter has always set it on routes that need a key. */
    public static Caller of(RoutingContext routing) {
        Caller caller = routing.get(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request; is the route exempt from the "
                    + "API key filter?");
        }
        return caller;
    }
}
