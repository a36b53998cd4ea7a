package dev.netpilot.templates;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.parse.StringTokenScannerSymbols;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Jinja2 through Jinjava, with Jinja2's environment options (NetPulse's {@code rendering.args}) and {@code strict}.
 * Sandboxed: {@code include}, {@code import}, {@code from} and {@code extends} load nothing, and templates
 * cannot reach Java classes or methods such as {@code getClass}.
 */
public final class Jinja2Renderer implements TemplateRenderer {

    public static final String NAME = "jinja2";

    /** The Jinja2 environment options that set the template syntax, in Jinja2's order. */
    private static final Map<String, BiConsumer<StringTokenScannerSymbols.Builder, String>> SYNTAX = new LinkedHashMap<>();

    static {
        SYNTAX.put("block_start_string", StringTokenScannerSymbols.Builder::withBlockStartString);
        SYNTAX.put("block_end_string", StringTokenScannerSymbols.Builder::withBlockEndString);
        SYNTAX.put("variable_start_string", StringTokenScannerSymbols.Builder::withVariableStartString);
        SYNTAX.put("variable_end_string", StringTokenScannerSymbols.Builder::withVariableEndString);
        SYNTAX.put("comment_start_string", StringTokenScannerSymbols.Builder::withCommentStartString);
        SYNTAX.put("comment_end_string", StringTokenScannerSymbols.Builder::withCommentEndString);
        SYNTAX.put("line_statement_prefix", StringTokenScannerSymbols.Builder::withLineStatementPrefix);
        SYNTAX.put("line_comment_prefix", StringTokenScannerSymbols.Builder::withLineCommentPrefix);
    }

    /** Jinja2's line break for the template's text: \n, \r\n or \r. */
    private static final String NEWLINE_SEQUENCE = "newline_sequence";
    /** Jinja2's switches, plus {@code strict} (fail on undefined variables). */
    private static final List<String> FLAG_OPTIONS = List.of("trim_blocks", "lstrip_blocks", "keep_trailing_newline",
            "strict");

    /** How Jinjava reports an undefined name when it fails on unknown tokens. */
    private static final String UNDEFINED = "UnknownTokenException: Unknown token found: ";
    private static final long MAX_OUTPUT = 16L * 1024 * 1024;
    private static final Set<String> RESTRICTED = Set.of("class", "getClass", "classLoader", "getClassLoader",
            "forName", "newInstance", "declaredMethods", "getDeclaredMethods", "methods", "getMethods", "invoke",
            "wait", "notify", "notifyAll", "clone", "finalize", "module", "getModule", "protectionDomain",
            "getProtectionDomain");

    /** Keeps trailing newlines itself: Jinjava strips the output's (not the template's, as Jinja2) by global setting. */
    private final Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withKeepTrailingNewline(true).build());
    private final LruCache<Options, JinjavaConfig> configs = new LruCache<>(64, Jinja2Renderer::config);

    public Jinja2Renderer() {
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new IOException("templates cannot load other templates ('" + name + "'): include, import, from "
                    + "and extends are not available");
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String render(String template, Map<String, Object> context, Map<String, Object> options) {
        Options parsed = Options.from(options);
        String source = template;
        if (!parsed.keepTrailingNewline() && source.endsWith("\n")) { // as Jinja2: one newline, \n or \r\n
            source = source.substring(0, source.length() - (source.endsWith("\r\n") ? 2 : 1));
        }
        source = source.replaceAll("\r\n|\r|\n", parsed.newlineSequence());
        RenderResult result = jinjava.renderForResult(source, context, configs.get(parsed));
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(error -> error.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        if (!fatal.isEmpty()) {
            throw new TemplateException("jinja2 template error: " + fatal.stream().map(Jinja2Renderer::describe)
                    .collect(Collectors.joining("; ")));
        }
        return result.getOutput();
    }

    private static String describe(TemplateError error) {
        String message = error.getMessage();
        if (message.startsWith(UNDEFINED)) {
            message = "'" + message.substring(UNDEFINED.length()) + "' is undefined (strict is on)";
        }
        return error.getLineno() > 0 ? "line " + error.getLineno() + ": " + message : message;
    }

    private static JinjavaConfig config(Options options) {
        StringTokenScannerSymbols.Builder symbols = new StringTokenScannerSymbols.Builder();
        options.symbols().forEach((option, value) -> SYNTAX.get(option).accept(symbols, value));
        return JinjavaConfig.newBuilder()
                .withTokenScannerSymbols(symbols.build())
                .withTrimBlocks(options.trimBlocks())
                .withLstripBlocks(options.lstripBlocks())
                .withKeepTrailingNewline(true)
                .withFailOnUnknownTokens(options.strict())
                .withRestrictedMethods(RESTRICTED)
                .withRestrictedProperties(RESTRICTED)
                .withMaxOutputSize(MAX_OUTPUT)
                .build();
    }

    /** The options of one render, validated. */
    record Options(Map<String, String> symbols, boolean trimBlocks, boolean lstripBlocks,
                   boolean keepTrailingNewline, String newlineSequence, boolean strict) {

        static final Options DEFAULT = new Options(Map.of(), false, false, false, "\n", false);

        static Options from(Map<String, Object> args) {
            if (args == null || args.isEmpty()) {
                return DEFAULT;
            }
            Map<String, String> symbols = new TreeMap<>();
            for (Map.Entry<String, Object> option : args.entrySet()) {
                String key = option.getKey();
                Object value = option.getValue();
                if (SYNTAX.containsKey(key)) {
                    if (!(value instanceof String text) || text.isEmpty()) {
                        throw new InvalidSpecException("args", "jinja2 option " + key + " must be a non-empty string");
                    }
                    symbols.put(key, text);
                } else if (FLAG_OPTIONS.contains(key)) {
                    if (!(value instanceof Boolean)) {
                        throw new InvalidSpecException("args", "jinja2 option " + key + " must be true or false");
                    }
                } else if (!key.equals(NEWLINE_SEQUENCE)) {
                    throw new InvalidSpecException("args", "unknown jinja2 option '" + key + "'; the options are "
                            + String.join(", ", SYNTAX.keySet()) + ", " + NEWLINE_SEQUENCE + ", "
                            + String.join(", ", FLAG_OPTIONS));
                }
            }
            Object newline = args.getOrDefault(NEWLINE_SEQUENCE, "\n");
            if (!List.of("\n", "\r\n", "\r").contains(newline)) {
                throw new InvalidSpecException("args", "jinja2 option newline_sequence must be \"\\n\", \"\\r\\n\" "
                        + "or \"\\r\"");
            }
            return new Options(Map.copyOf(symbols), flag(args, "trim_blocks"), flag(args, "lstrip_blocks"),
                    flag(args, "keep_trailing_newline"), (String) newline, flag(args, "strict"));
        }

        private static boolean flag(Map<String, Object> args, String key) {
            return Boolean.TRUE.equals(args.get(key));
        }
    }
}
