package dev.netpilot.templates;

import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.plugin.Plugins;
import dev.netpilot.plugin.UnknownPluginException;

import java.util.Map;
import java.util.Optional;

/** The renderers by wire name: the built-ins (jinja2, qute) and the plugins, all found through {@link PluginLoader}. */
public final class Renderers {

    private final Plugins<TemplateRenderer> plugins;

    public Renderers(PluginLoader loader) {
        this.plugins = loader.plugins(TemplateRenderer.class, "renderer", TemplateRenderer::name);
    }

    /** The class path's renderers only, without settings. */
    public static Renderers standard() {
        return new Renderers(PluginLoader.of(Optional.empty(), PluginConfig.of(Map.of())));
    }

    /** @throws UnknownEngineException naming the renderers that exist */
    public TemplateRenderer get(String name) {
        try {
            return plugins.get(name);
        } catch (UnknownPluginException e) {
            throw new UnknownEngineException("Renderer " + name + " not found; the renderers are "
                    + String.join(", ", plugins.names()));
        }
    }

    /** Renders with the spec's engine, template text (not a reference), context and options. */
    public String render(RenderSpec spec) {
        return get(spec.engine()).render(spec.template(), spec.context(), spec.args());
    }
}
