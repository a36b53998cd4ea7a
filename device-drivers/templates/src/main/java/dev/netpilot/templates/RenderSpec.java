package dev.netpilot.templates;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * NetPulse's {@code TemplateRenderRequest}: the {@code rendering} object of a job, or the body of
 * {@code POST /template/render}.
 *
 * @param engine   {@code name}: the renderer, {@code jinja2} when not given
 * @param template the template source (inline text or a reference), or null
 * @param context  the variables, never null
 * @param args     the engine's options, never null
 */
public record RenderSpec(String engine, String template, Map<String, Object> context, Map<String, Object> args) {

    public static final String DEFAULT_ENGINE = "jinja2";

    private static final LinkedHashSet<String> FIELDS = new LinkedHashSet<>(List.of("name", "template", "context", "args"));

    /** Reads the wire object; an {@link InvalidSpecException} names a field of the wrong type or an unknown one. */
    public static RenderSpec from(Map<String, Object> rendering) {
        SpecFields fields = new SpecFields(rendering, FIELDS, "rendering");
        String name = fields.string("name");
        if (name != null && name.isBlank()) {
            throw new InvalidSpecException("name", "must not be empty: give a renderer such as jinja2 or qute");
        }
        Map<String, Object> context = fields.object("context");
        Map<String, Object> args = fields.object("args");
        return new RenderSpec(name == null ? DEFAULT_ENGINE : name, fields.string("template"),
                context == null ? Map.of() : context, args == null ? Map.of() : args);
    }
}
