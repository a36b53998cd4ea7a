package dev.netpilot.templates;

import java.util.Map;

/** A template language that turns a template and a context into text. Implementations are thread-safe. */
public interface TemplateRenderer {

    /** The wire name ({@code rendering.name}), e.g. {@code jinja2}. */
    String name();

    /**
     * Renders {@code template} with {@code context}.
     *
     * @param options engine options (NetPulse's {@code rendering.args}); unknown or unsupported ones are an error
     * @throws TemplateException when the options are wrong or the template does not compile or render
     */
    String render(String template, Map<String, Object> context, Map<String, Object> options);
}
