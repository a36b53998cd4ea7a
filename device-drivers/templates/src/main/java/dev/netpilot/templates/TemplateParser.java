package dev.netpilot.templates;

import java.util.List;
import java.util.Map;

/** Turns command output into records with a template. Implementations are thread-safe. */
public interface TemplateParser {

    /** The wire name ({@code parsing.name}), e.g. {@code textfsm}. */
    String name();

    /**
     * Parses {@code text}: one map per record.
     *
     * @throws TemplateException when the template does not compile or the parse stops on an error
     */
    List<Map<String, Object>> parse(ParseSpec spec, String text);

    /** Compiles the spec's template without parsing anything, so that a bad template is refused early. */
    void check(ParseSpec spec);
}
