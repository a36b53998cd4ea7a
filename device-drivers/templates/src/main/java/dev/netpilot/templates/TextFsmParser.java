package dev.netpilot.templates;

import dev.netpilot.plugin.Configurable;
import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.textfsm.CliTable;
import dev.netpilot.textfsm.ParseResult;
import dev.netpilot.textfsm.TextFsmException;
import dev.netpilot.textfsm.TextFsmTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TextFSM with our engine ({@code dev.netpilot.textfsm}). With an inline template the records are keyed by the
 * template's Value names as written (Python's {@code ParseTextToDicts}); with {@code use_ntc_template} the
 * ntc-templates index picks the template by platform and command and the keys are lower-case (ntc-templates'
 * {@code parse_output}). The ntc-templates directory is the setting {@code np.templates.ntc-dir}.
 */
public final class TextFsmParser implements TemplateParser, Configurable {

    public static final String NAME = "textfsm";

    /** The property naming the ntc-templates directory. */
    public static final String NTC_DIR_PROPERTY = "np.templates.ntc-dir";

    private Path ntcDir;
    private final LruCache<String, TextFsmTemplate> templates = new LruCache<>(256, TextFsmParser::compile);
    private CliTable ntc;

    /** @param ntcDir an ntc-templates {@code templates} directory (with its {@code index}), if one is configured */
    public TextFsmParser(Optional<Path> ntcDir) {
        this.ntcDir = ntcDir.orElse(null);
    }

    /** Without ntc-templates until {@link #configure} reads {@value #NTC_DIR_PROPERTY}. */
    public TextFsmParser() {
        this(Optional.empty());
    }

    @Override
    public synchronized void configure(PluginConfig config) {
        ntcDir = config.get(NTC_DIR_PROPERTY).filter(dir -> !dir.isBlank()).map(Path::of).orElse(null);
        ntc = null;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Map<String, Object>> parse(ParseSpec spec, String text) {
        try {
            if (spec.ntc() != null) {
                ParseSpec.NtcLookup lookup = lookup(spec);
                return ntc().parse(lookup.platform(), lookup.command(), text).toMaps();
            }
            return records(templates.get(spec.template()).parse(text));
        } catch (TextFsmException e) {
            throw new TemplateException("textfsm: " + e.getMessage(), e);
        }
    }

    @Override
    public void check(ParseSpec spec) {
        try {
            if (spec.ntc() != null) {
                ntc();
            } else {
                templates.get(spec.template());
            }
        } catch (TextFsmException e) {
            throw new TemplateException("textfsm: " + e.getMessage(), e);
        }
    }

    private static ParseSpec.NtcLookup lookup(ParseSpec spec) {
        ParseSpec.NtcLookup lookup = spec.ntc();
        if (lookup.platform() == null || lookup.platform().isBlank()) {
            throw new InvalidSpecException("ntc_template_args", "use_ntc_template needs ntc_template_args.platform "
                    + "(in a job it defaults to connection_args.device_type)");
        }
        if (lookup.command() == null || lookup.command().isBlank()) {
            throw new InvalidSpecException("ntc_template_args", "use_ntc_template needs ntc_template_args.command "
                    + "(in a job it defaults to each entry's command)");
        }
        return lookup;
    }

    private synchronized CliTable ntc() {
        if (ntcDir == null) {
            throw new TemplateException("use_ntc_template is not available: no ntc-templates directory is "
                    + "configured; set np.templates.ntc-dir to an ntc-templates 'templates' directory (the one "
                    + "holding the 'index' file)");
        }
        if (ntc == null) {
            ntc = CliTable.load(ntcDir);
        }
        return ntc;
    }

    private static TextFsmTemplate compile(String template) {
        return TextFsmTemplate.compile(template);
    }

    private static List<Map<String, Object>> records(ParseResult result) {
        List<Map<String, Object>> records = new ArrayList<>(result.rows().size());
        for (List<Object> row : result.rows()) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                record.put(result.header().get(i), row.get(i));
            }
            records.add(record);
        }
        return records;
    }
}
