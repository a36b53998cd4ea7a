package dev.netpilot.templates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The renderers by wire name. */
public final class Renderers {

    private final Map<String, TemplateRenderer> byName = new LinkedHashMap<>();

    public Renderers(List<TemplateRenderer> renderers) {
        renderers.forEach(renderer -> byName.put(renderer.name(), renderer));
    }

    /** jinja2 and qute. */
    public static Renderers standard() {
        return new Renderers(List.of(new Jinja2Renderer(), new QuteRenderer()));
    }

    /** @throws UnknownEngineException naming the renderers that exist */
    public TemplateRenderer get(String name) {
        TemplateRenderer renderer = byName.get(name);
        if (renderer == null) {
            throw new UnknownEngineException("Renderer " + name + " not found; the renderers are "
                    + String.join(", ", byName.keySet()));
        }
        return renderer;
    }

    /** Renders with the spec's engine, template text (not a reference), context and options. */
    public String render(RenderSpec spec) {
        return get(spec.engine()).render(spec.template(), spec.context(), spec.args());
    }
}
