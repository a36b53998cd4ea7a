package com.example.netpilot;

import dev.netpilot.templates.TemplateException;
import dev.netpilot.templates.TemplateRenderer;

import java.util.Map;

/** A renderer: {@code example_upper} replaces {@code {name}} with the context's value, upper-cased. */
public final class UpperRenderer implements TemplateRenderer {

    @Override
    public String name() {
        return "example_upper";
    }

    @Override
    public String render(String template, Map<String, Object> context, Map<String, Object> options) {
        if (!options.isEmpty()) {
            throw new TemplateException("example_upper takes no options; remove " + options.keySet());
        }
        String text = template;
        for (Map.Entry<String, Object> entry : context.entrySet()) {
            text = text.replace("{" + entry.getKey() + "}", String.valueOf(entry.getValue()).toUpperCase());
        }
        return text;
    }
}
