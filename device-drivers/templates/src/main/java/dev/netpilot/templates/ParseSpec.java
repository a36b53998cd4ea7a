package dev.netpilot.templates;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * NetPulse's {@code TemplateParseRequest}: the {@code parsing} object of a job, or the body of
 * {@code POST /template/parse}.
 *
 * @param engine   {@code name}: the parser
 * @param template the template source (inline text or a reference), or null with an ntc-templates lookup
 * @param ntc      the ntc-templates lookup ({@code use_ntc_template}), or null
 * @param context  the text to parse on {@code POST /template/parse}; ignored in jobs (each entry's stdout is parsed)
 */
public record ParseSpec(String engine, String template, NtcLookup ntc, String context) {

    private static final LinkedHashSet<String> FIELDS = new LinkedHashSet<>(List.of(
            "name", "template", "context", "use_ntc_template", "ntc_template_args"));

    /**
     * An ntc-templates index lookup; either part may be null until {@link #withNtcDefaults} fills it.
     */
    public record NtcLookup(String platform, String command) {
    }

    /**
     * Reads the wire object. {@code template} is required unless {@code use_ntc_template} is true (NetPulse
     * requires it even then). An {@link InvalidSpecException} names the field that is wrong.
     */
    public static ParseSpec from(Map<String, Object> parsing) {
        SpecFields fields = new SpecFields(parsing, FIELDS, "parsing");
        String name = fields.string("name");
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("name", "is required: the parser to use (textfsm or regex)");
        }
        String template = fields.string("template");
        NtcLookup ntc = null;
        if (fields.flag("use_ntc_template")) {
            SpecFields args = new SpecFields(fields.object("ntc_template_args"),
                    new LinkedHashSet<>(List.of("platform", "command")), "ntc_template_args");
            ntc = new NtcLookup(args.string("platform"), args.string("command"));
        } else if (fields.object("ntc_template_args") != null) {
            throw new InvalidSpecException("ntc_template_args", "needs use_ntc_template: true");
        }
        if (ntc == null && (template == null || template.isEmpty())) {
            throw new InvalidSpecException("template", "is required unless use_ntc_template is true: "
                    + "give the template (inline text or a reference)");
        }
        Object context = parsing.get("context");
        if (context != null && !(context instanceof String)) {
            throw new InvalidSpecException("context", "must be a string: the text to parse");
        }
        return new ParseSpec(name, ntc == null ? template : null, ntc, (String) context);
    }

    /** With an ntc-templates lookup, fills its missing platform and command; otherwise this spec unchanged. */
    public ParseSpec withNtcDefaults(String platform, String command) {
        if (ntc == null) {
            return this;
        }
        return new ParseSpec(engine, template, new NtcLookup(ntc.platform() != null ? ntc.platform() : platform,
                ntc.command() != null ? ntc.command() : command), context);
    }

    /** The same spec with its template source replaced by the template's text. */
    public ParseSpec withTemplate(String text) {
        return new ParseSpec(engine, text, ntc, context);
    }
}
