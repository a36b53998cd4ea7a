package dev.netpilot.executor.parsing;

import dev.netpilot.job.CommandResult;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.templates.ParseSpec;
import dev.netpilot.templates.Parsers;
import dev.netpilot.templates.TemplateException;
import dev.netpilot.templates.TemplateParser;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * A job's {@code parsing}, applied to each result entry after the commands ran: {@code parsed} gets the records.
 * With {@code use_ntc_template} the lookup defaults to {@code connection_args.device_type} and the entry's
 * command. An entry whose command failed ({@code exit_status} not 0) is left unparsed. A parse that fails leaves
 * {@code parsed} null and puts the reason in the entry's {@code metadata.parse_error}: it never fails the job.
 * The API has already replaced template references by their text.
 */
@ApplicationScoped
public class ResultParsing {

    public static final String ERROR_KEY = "parse_error";

    private final Parsers parsers;

    public ResultParsing(PluginLoader plugins) {
        this.parsers = new Parsers(plugins);
    }

    public List<CommandResult> apply(ExecutionRequest request, List<CommandResult> results) {
        if (request.parsing() == null) {
            return results;
        }
        ParseSpec spec;
        TemplateParser parser;
        try {
            spec = ParseSpec.from(request.parsing());
            parser = parsers.get(spec.engine());
        } catch (TemplateException e) {
            return results.stream().map(entry -> failed(entry, e.getMessage())).toList();
        }
        Object deviceType = request.connectionArgs() == null ? null : request.connectionArgs().get("device_type");
        String platform = deviceType == null ? null : deviceType.toString();
        return results.stream().map(entry -> parse(entry, spec.withNtcDefaults(platform, entry.command()), parser))
                .toList();
    }

    private static CommandResult parse(CommandResult entry, ParseSpec spec, TemplateParser parser) {
        if (entry.exitStatus() != 0) {
            return entry;
        }
        String text = text(entry.stdout());
        if (text == null) {
            return failed(entry, "stdout is not text, so it cannot be parsed"
                    + (entry.stdout() instanceof Map<?, ?> map && map.containsKey("encoding")
                    ? " (pyeapi: use driver_args.encoding text)" : ""));
        }
        try {
            return entry.withParsed(parser.parse(spec, text));
        } catch (TemplateException e) {
            return failed(entry, e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "Parsing the output of '%s' failed unexpectedly", entry.command());
            return failed(entry, "parsing failed unexpectedly: " + e);
        }
    }

    /** The text to parse: stdout itself, or the CLI text of a pyeapi result in text encoding. */
    private static String text(Object stdout) {
        if (stdout instanceof String text) {
            return text;
        }
        if (stdout instanceof Map<?, ?> eapi && "text".equals(eapi.get("encoding"))
                && eapi.get("result") instanceof Map<?, ?> result && result.get("output") instanceof String output) {
            return output;
        }
        return null;
    }

    private static CommandResult failed(CommandResult entry, String reason) {
        return entry.withParsed(null).withMetadata(ERROR_KEY, reason);
    }
}
