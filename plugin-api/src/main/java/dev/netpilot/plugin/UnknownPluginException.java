package dev.netpilot.plugin;

import java.util.Set;

/** No plugin of a kind has the name asked for; the message lists the names that exist. */
public class UnknownPluginException extends RuntimeException {

    private final String name;
    private final Set<String> available;

    public UnknownPluginException(String kind, String name, Set<String> available) {
        super(kind + " '" + name + "' does not exist; the " + kind + "s are: " + String.join(", ", available));
        this.name = name;
        this.available = Set.copyOf(available);
    }

    /** The name asked for. */
    public String name() {
        return name;
    }

    /** The names that exist. */
    public Set<String> available() {
        return available;
    }
}
