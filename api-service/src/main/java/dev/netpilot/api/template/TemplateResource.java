package dev.netpilot.api.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.api.error.ErrorBody.FieldProblem;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.api.error.NotFoundException;
import dev.netpilot.api.job.RequestReader;
import dev.netpilot.job.JobJson;
import dev.netpilot.templates.InvalidSpecException;
import dev.netpilot.templates.ParseSpec;
import dev.netpilot.templates.RenderSpec;
import dev.netpilot.templates.TemplateException;
import dev.netpilot.templates.UnknownEngineException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** NetPulse's standalone template endpoints: render a template, parse a text. */
@Path("/template")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String SOURCE_REQUIRED = "Template source is required: give `template` as inline text, "
            + "store://<name>, file://<path> or an allowed http(s) URL";

    private final TemplateService templates;
    private final RequestReader reader;

    public TemplateResource(TemplateService templates, RequestReader reader) {
        this.templates = templates;
        this.reader = reader;
    }

    @POST
    @Path("render")
    @RequiresScope(Scope.READ)
    @Operation(summary = "Render a template", description = "The body is NetPulse's TemplateRenderRequest: `name` "
            + "(jinja2, the default, or qute), `template` (inline text, store://<name>, file://<path> or an allowed "
            + "http(s) URL), `context` (the variables) and `args` (engine options, e.g. trim_blocks or strict).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RenderBody.class)))
    @APIResponse(responseCode = "200", description = "The rendered text, as a JSON string",
            content = @Content(schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No template or an empty renderer name",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No renderer of that name (the message lists them)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Bad options, an unusable template source, or a template that "
            + "does not compile or render (the message names the line)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<JsonNode> render(String body) {
        return render(null, body);
    }

    @POST
    @Path("render/{name}")
    @RequiresScope(Scope.READ)
    @Operation(summary = "Render a template with the renderer named in the path",
            description = "As POST /template/render; the path's name overrides the body's.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RenderBody.class)))
    @APIResponse(responseCode = "200", description = "The rendered text, as a JSON string",
            content = @Content(schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No template",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No renderer of that name (the message lists them)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Bad options, an unusable template source, or a template that "
            + "does not compile or render", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<JsonNode> render(@Parameter(description = "jinja2 or qute") @RestPath String name, String body) {
        Map<String, Object> fields = fields(body, name);
        RenderSpec spec = spec(() -> RenderSpec.from(fields));
        if (spec.template() == null || spec.template().isBlank()) {
            throw new BadRequestException(SOURCE_REQUIRED);
        }
        engine(() -> templates.renderer(spec.engine()));
        return templates.render(spec).<JsonNode>map(TextNode::valueOf)
                .onFailure(TemplateException.class).transform(e -> invalid((TemplateException) e));
    }

    @POST
    @Path("parse")
    @RequiresScope(Scope.READ)
    @Operation(summary = "Parse a text", description = "The body is NetPulse's TemplateParseRequest: `name` (textfsm "
            + "or regex), `template` (inline text or a reference, as for rendering), `context` (the text to parse), "
            + "and for textfsm `use_ntc_template: true` with `ntc_template_args: {platform, command}` instead of a "
            + "template. Returns the records as an array of objects.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ParseBody.class)))
    @APIResponse(responseCode = "200", description = "The records, one object per record",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Object.class)))
    @APIResponse(responseCode = "400", description = "No template (and no use_ntc_template) or an empty parser name",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No parser of that name (the message lists them)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "No text, an unusable template source, a template that does not "
            + "compile, or a parse that stopped on an error",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<Map<String, Object>>> parse(String body) {
        return parse(null, body);
    }

    @POST
    @Path("parse/{name}")
    @RequiresScope(Scope.READ)
    @Operation(summary = "Parse a text with the parser named in the path",
            description = "As POST /template/parse; the path's name overrides the body's.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ParseBody.class)))
    @APIResponse(responseCode = "200", description = "The records, one object per record",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Object.class)))
    @APIResponse(responseCode = "400", description = "No template (and no use_ntc_template)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No parser of that name (the message lists them)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "No text, an unusable template source, a template that does not "
            + "compile, or a parse that stopped on an error",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<Map<String, Object>>> parse(@Parameter(description = "textfsm or regex") @RestPath String name,
                                                String body) {
        Map<String, Object> fields = fields(body, name);
        Object template = fields.get("template");
        if (!Boolean.TRUE.equals(fields.get("use_ntc_template"))
                && (template == null || template instanceof String text && text.isBlank())) {
            throw new BadRequestException(SOURCE_REQUIRED + " (or use_ntc_template: true for textfsm)");
        }
        ParseSpec spec = spec(() -> ParseSpec.from(fields));
        engine(() -> templates.parser(spec.engine()));
        if (spec.context() == null) {
            throw InvalidRequestException.of("context", "is required: the text to parse");
        }
        return templates.parse(spec, spec.context())
                .onFailure(TemplateException.class).transform(e -> invalid((TemplateException) e));
    }

    /** The body as an object; the path's engine name, when given, replaces the body's. */
    private Map<String, Object> fields(String body, String name) {
        JsonNode tree = reader.parse(body);
        if (!tree.isObject()) {
            throw InvalidRequestException.of("body", "the body must be a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>(JobJson.mapper().convertValue(tree, MAP));
        if (name != null) {
            fields.put("name", name);
        }
        if (fields.get("name") instanceof String given && given.isBlank()) {
            throw new BadRequestException("The template engine name must not be empty");
        }
        return fields;
    }

    private static <T> T spec(Supplier<T> read) {
        try {
            return read.get();
        } catch (TemplateException e) {
            throw invalid(e);
        }
    }

    private static void engine(Runnable lookup) {
        try {
            lookup.run();
        } catch (UnknownEngineException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    private static InvalidRequestException invalid(TemplateException e) {
        String field = e instanceof InvalidSpecException spec ? spec.field() : "template";
        return new InvalidRequestException(List.of(new FieldProblem(List.of("body", field), e.getMessage())));
    }

    /** The body of POST /template/render, for the OpenAPI document. */
    @Schema(name = "TemplateRenderRequest")
    public record RenderBody(@Schema(description = "jinja2 (default) or qute") String name,
                             @Schema(description = "Inline text, store://<name>, file://<path> or an allowed http(s) "
                                     + "URL") String template,
                             @Schema(description = "The template's variables") Map<String, Object> context,
                             @Schema(description = "Engine options: jinja2's environment options and strict; qute: "
                                     + "strict") Map<String, Object> args) {
    }

    /** The body of POST /template/parse, for the OpenAPI document. */
    @Schema(name = "TemplateParseRequest")
    public record ParseBody(@Schema(description = "textfsm or regex") String name,
                            @Schema(description = "Inline text or a reference; not needed with use_ntc_template")
                            String template,
                            @Schema(description = "The text to parse") String context,
                            @JsonProperty("use_ntc_template")
                            @Schema(description = "textfsm: pick the template from the ntc-templates index")
                            Boolean useNtcTemplate,
                            @JsonProperty("ntc_template_args")
                            @Schema(description = "{platform, command} for the ntc-templates lookup")
                            Map<String, String> ntcTemplateArgs) {
    }
}
