package dev.netpilot.templates;

import io.quarkus.qute.Engine;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.Expression;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Results;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateNode;

import java.util.Map;

/**
 * Qute, Quarkus' template engine, standalone: our native engine. Sandboxed: only the data given is reachable
 * (maps, lists, strings, numbers, booleans; no reflection into Java objects), {@code {#include}} finds nothing,
 * and a render stops after {@value #TIMEOUT_MS} ms. Strict by default: an undefined variable is an error, unless
 * the option {@code strict} is false (it then renders as an empty string).
 */
public final class QuteRenderer implements TemplateRenderer {

    public static final String NAME = "qute";
    static final long TIMEOUT_MS = 10_000;

    private final Engine strict = engine(true);
    private final Engine lenient = engine(false);
    private final LruCache<String, Template> strictTemplates = new LruCache<>(256, strict::parse);
    private final LruCache<String, Template> lenientTemplates = new LruCache<>(256, lenient::parse);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String render(String template, Map<String, Object> context, Map<String, Object> options) {
        try {
            TemplateInstance instance = (strict(options) ? strictTemplates : lenientTemplates).get(template).instance();
            context.forEach(instance::data);
            return instance.render();
        } catch (io.quarkus.qute.TemplateException e) {
            throw new TemplateException("qute template error: " + describe(e), e);
        }
    }

    private static boolean strict(Map<String, Object> options) {
        for (Map.Entry<String, Object> option : options.entrySet()) {
            if (!option.getKey().equals("strict")) {
                throw new InvalidSpecException("args", "unknown qute option '" + option.getKey()
                        + "'; qute takes only strict (true by default)");
            }
            if (!(option.getValue() instanceof Boolean)) {
                throw new InvalidSpecException("args", "qute option strict must be true or false");
            }
        }
        return !Boolean.FALSE.equals(options.get("strict"));
    }

    private static String describe(io.quarkus.qute.TemplateException e) {
        String message = e.getMessage();
        if (e.getOrigin() != null && !message.contains("line " + e.getOrigin().getLine())) {
            return "line " + e.getOrigin().getLine() + ": " + message;
        }
        return message;
    }

    private static Engine engine(boolean strictRendering) {
        EngineBuilder builder = Engine.builder().addDefaults().strictRendering(strictRendering).timeout(TIMEOUT_MS);
        if (!strictRendering) {
            builder.addResultMapper(new ResultMapper() {
                @Override
                public boolean appliesTo(TemplateNode.Origin origin, Object result) {
                    return Results.isNotFound(result);
                }

                @Override
                public String map(Object result, Expression expression) {
                    return "";
                }
            });
        }
        return builder.build();
    }
}
