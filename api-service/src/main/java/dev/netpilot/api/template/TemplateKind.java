package dev.netpilot.api.template;

import dev.netpilot.api.error.NotFoundException;

/** What a stored template is for: {@code render} templates (jinja2, qute) or {@code parse} templates (textfsm, regex). */
public enum TemplateKind {
    RENDER("render"),
    PARSE("parse");

    private final String wire;

    TemplateKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The kind named in a path, or a 404 that lists the kinds. */
    public static TemplateKind fromWire(String value) {
        for (TemplateKind kind : values()) {
            if (kind.wire.equals(value)) {
                return kind;
            }
        }
        throw new NotFoundException("Unknown template kind '" + value + "': use render or parse");
    }
}
