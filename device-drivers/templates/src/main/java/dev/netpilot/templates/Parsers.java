package dev.netpilot.templates;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parsers by wire name. */
public final class Parsers {

    private final Map<String, TemplateParser> byName = new LinkedHashMap<>();

    public Parsers(List<TemplateParser> parsers) {
        parsers.forEach(parser -> byName.put(parser.name(), parser));
    }

    /** textfsm (with ntc-templates from {@code ntcDir}, if given) and regex. */
    public static Parsers standard(Optional<Path> ntcDir) {
        return new Parsers(List.of(new TextFsmParser(ntcDir), new RegexParser()));
    }

    /** @throws UnknownEngineException naming the parsers that exist */
    public TemplateParser get(String name) {
        TemplateParser parser = byName.get(name);
        if (parser == null) {
            throw new UnknownEngineException("Parser " + name + " not found; the parsers are "
                    + String.join(", ", byName.keySet()));
        }
        return parser;
    }
}
