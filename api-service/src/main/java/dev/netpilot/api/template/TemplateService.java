package dev.netpilot.api.template;

import dev.netpilot.templates.ParseSpec;
import dev.netpilot.templates.Parsers;
import dev.netpilot.templates.RenderSpec;
import dev.netpilot.templates.Renderers;
import dev.netpilot.templates.TemplateParser;
import dev.netpilot.templates.TemplateRenderer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import dev.netpilot.plugin.PluginLoader;

/**
 * Renders and parses with templates from any source. Engines run on worker threads: a heavy template never holds
 * an event loop. Failures are the templates module's exceptions ({@code TemplateException} and its kinds).
 */
@ApplicationScoped
public class TemplateService {

    private final TemplateSources sources;
    private final Renderers renderers;
    private final Parsers parsers;

    public TemplateService(TemplateSources sources, PluginLoader plugins) {
        this.sources = sources;
        this.renderers = new Renderers(plugins);
        this.parsers = new Parsers(plugins);
    }

    /** @throws dev.netpilot.templates.UnknownEngineException when no renderer has that name */
    public TemplateRenderer renderer(String name) {
        return renderers.get(name);
    }

    /** @throws dev.netpilot.templates.UnknownEngineException when no parser has that name */
    public TemplateParser parser(String name) {
        return parsers.get(name);
    }

    /** Resolves the spec's template source and renders it. */
    public Uni<String> render(RenderSpec spec) {
        TemplateRenderer renderer = renderer(spec.engine());
        return sources.resolve(spec.template(), TemplateKind.RENDER)
                .chain(text -> onWorker(() -> renderer.render(text, spec.context(), spec.args())));
    }

    /** Renders inline template text (a job's command or config lines). */
    public Uni<String> renderInline(RenderSpec spec, String text) {
        TemplateRenderer renderer = renderer(spec.engine());
        return onWorker(() -> renderer.render(text, spec.context(), spec.args()));
    }

    /**
     * The spec with its template source replaced by the text, compiled once to prove it is valid. An ntc-templates
     * lookup is left as it is: the process that parses (an executor, for jobs) has the index.
     */
    public Uni<ParseSpec> resolve(ParseSpec spec) {
        TemplateParser parser = parser(spec.engine());
        if (spec.ntc() != null) {
            return Uni.createFrom().item(spec);
        }
        return sources.resolve(spec.template(), TemplateKind.PARSE).chain(text -> onWorker(() -> {
            ParseSpec ready = spec.withTemplate(text);
            parser.check(ready);
            return ready;
        }));
    }

    /** Resolves the spec's template source and parses {@code text}. */
    public Uni<List<Map<String, Object>>> parse(ParseSpec spec, String text) {
        TemplateParser parser = parser(spec.engine());
        return resolve(spec).chain(ready -> onWorker(() -> parser.parse(ready, text)));
    }

    private static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
