package dev.netpilot.api.template;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.netpilot.api.error.ErrorBody.FieldProblem;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.Payload;
import dev.netpilot.templates.InvalidSpecException;
import dev.netpilot.templates.ParseSpec;
import dev.netpilot.templates.RenderSpec;
import dev.netpilot.templates.TemplateException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's {@code rendering} and {@code parsing}, dealt with at submit time so that every template problem is a
 * 422: {@link #problems} checks their shape (no I/O), {@link #prepare} renders the payload into plain lines (a
 * list stays a list; each rendered text is split into lines, blank lines dropped) and replaces the parse template
 * reference by its text. The executor then runs plain lines and parses with inline templates only.
 */
@ApplicationScoped
public class JobTemplates {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final TemplateService templates;

    public JobTemplates(TemplateService templates) {
        this.templates = templates;
    }

    /** The problems of the request's rendering and parsing objects; empty when they can be used. */
    public List<FieldProblem> problems(ExecutionRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.rendering() != null) {
            try {
                RenderSpec spec = RenderSpec.from(request.rendering());
                templates.renderer(spec.engine());
                Payload payload = request.payload();
                if (payload == null) {
                    problems.add(problem("rendering", null, "`rendering` needs a `command` or `config` to render"));
                } else if (payload.isTemplateContext() && spec.template() == null) {
                    problems.add(problem("rendering", "template", "is required when " + payloadField(request)
                            + " is an object (the object is the template's context)"));
                } else if (!payload.isTemplateContext() && spec.template() != null) {
                    problems.add(problem("rendering", "template", "give the template either as "
                            + payloadField(request) + " (a string or a list of strings, each one a template) or as "
                            + "rendering.template with an object " + payloadField(request) + " as its context, not both"));
                }
            } catch (InvalidSpecException e) {
                problems.add(problem("rendering", e.field(), e.getMessage()));
            } catch (TemplateException e) {
                problems.add(problem("rendering", "name", e.getMessage()));
            }
        }
        if (request.parsing() != null) {
            try {
                templates.parser(ParseSpec.from(request.parsing()).engine());
            } catch (InvalidSpecException e) {
                problems.add(problem("parsing", e.field(), e.getMessage()));
            } catch (TemplateException e) {
                problems.add(problem("parsing", "name", e.getMessage()));
            }
        }
        return problems;
    }

    /**
     * The request with its payload rendered (and {@code rendering} removed) and its parse template resolved to
     * text; an {@link InvalidRequestException} when a template cannot be found, compiled or rendered.
     * Expects a request whose {@link #problems} are empty.
     */
    public Uni<ExecutionRequest> prepare(ExecutionRequest request) {
        if (request.rendering() == null && request.parsing() == null) {
            return Uni.createFrom().item(request);
        }
        Uni<Payload> payload = request.rendering() == null ? Uni.createFrom().item(request.payload()) : render(request);
        Uni<Map<String, Object>> parsing = request.parsing() == null ? Uni.createFrom().nullItem() : parsing(request);
        return Uni.combine().all().unis(payload, parsing).asTuple().map(ready -> {
            Payload lines = ready.getItem1();
            return new ExecutionRequest(request.driver(), request.connectionArgs(), request.credential(),
                    request.command() == null ? null : lines, request.config() == null ? null : lines,
                    request.fileTransfer(), request.driverArgs(), null, ready.getItem2(), request.queueStrategy(),
                    request.ttl(), request.executionTimeout(), request.resultTtl(), request.auditMode(),
                    request.webhook(), request.detach(), request.pushInterval(), request.save(), request.enableMode(),
                    request.dryRun());
        });
    }

    private Uni<Payload> render(ExecutionRequest request) {
        RenderSpec spec = RenderSpec.from(request.rendering());
        Payload payload = request.payload();
        if (payload.isTemplateContext()) {
            Map<String, Object> context = new LinkedHashMap<>(spec.context());
            context.putAll(JobJson.mapper().convertValue(payload.context(), MAP));
            RenderSpec withPayload = new RenderSpec(spec.engine(), spec.template(), context, spec.args());
            return templates.render(withPayload).map(text -> payload(request, lines(text)))
                    .onFailure(TemplateException.class).transform(e -> invalid("rendering", "template", e));
        }
        List<Uni<List<String>>> rendered = new ArrayList<>();
        for (String line : payload.lines()) {
            rendered.add(templates.renderInline(spec, line).map(JobTemplates::lines));
        }
        return Uni.join().all(rendered).andFailFast()
                .map(parts -> payload(request, parts.stream().flatMap(List::stream).toList()))
                .onFailure(TemplateException.class).transform(e -> invalid(payloadField(request), null, e));
    }

    private Uni<Map<String, Object>> parsing(ExecutionRequest request) {
        return templates.resolve(ParseSpec.from(request.parsing())).map(spec -> {
            Map<String, Object> parsing = new LinkedHashMap<>(request.parsing());
            if (spec.template() != null) {
                parsing.put("template", spec.template());
            }
            return parsing;
        }).onFailure(TemplateException.class).transform(e -> invalid("parsing", "template", e));
    }

    private static List<String> lines(String rendered) {
        return rendered.lines().filter(line -> !line.isBlank()).toList();
    }

    private static Payload payload(ExecutionRequest request, List<String> lines) {
        if (lines.isEmpty()) {
            throw new InvalidRequestException(List.of(problem(payloadField(request), null,
                    "the template rendered no " + payloadField(request) + " line: nothing would run")));
        }
        return Payload.of(lines);
    }

    private static String payloadField(ExecutionRequest request) {
        return request.command() != null ? "command" : "config";
    }

    private static InvalidRequestException invalid(String object, String field, Throwable e) {
        String at = e instanceof InvalidSpecException spec ? spec.field() : field;
        return new InvalidRequestException(List.of(problem(object, at, e.getMessage())));
    }

    private static FieldProblem problem(String object, String field, String message) {
        return new FieldProblem(field == null ? List.of("body", object) : List.of("body", object, field), message);
    }
}
