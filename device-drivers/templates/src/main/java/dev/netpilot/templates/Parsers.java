package dev.netpilot.templates;

import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.plugin.Plugins;
import dev.netpilot.plugin.UnknownPluginException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The parsers by wire name: the built-ins (textfsm, regex) and the plugins, all found through {@link PluginLoader}. */
public final class Parsers {

    private final Plugins<TemplateParser> plugins;

    public Parsers(PluginLoader loader) {
        this.plugins = loader.plugins(TemplateParser.class, "parser", TemplateParser::name);
    }

    /** The class path's parsers only, textfsm with ntc-templates from {@code ntcDir} if given. */
    public static Parsers standard(Optional<Path> ntcDir) {
        return new Parsers(PluginLoader.of(Optional.empty(), PluginConfig.of(
                ntcDir.map(dir -> Map.of(TextFsmParser.NTC_DIR_PROPERTY, dir.toString())).orElse(Map.of()))));
    }

    /** @throws UnknownEngineException naming the parsers that exist */
    public TemplateParser get(String name) {
        try {
            return plugins.get(name);
        } catch (UnknownPluginException e) {
            throw new UnknownEngineException("Parser " + name + " not found; the parsers are "
                    + String.join(", ", plugins.names()));
        }
    }
}
