package dev.netpilot.plugin;

/**
 * A plugin that reads settings. {@link Plugins} calls {@link #configure} once, right after creating the plugin
 * and before its first use; a plugin whose {@code configure} throws is skipped like any broken plugin.
 * Settings a plugin cannot work without are better checked when it is used, with a message naming the property.
 */
public interface Configurable {

    void configure(PluginConfig config);
}
