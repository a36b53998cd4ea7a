package dev.netpilot.api.template;

import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.api.error.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The template store: named templates that jobs and the template endpoints use as {@code store://<name>}.
 * {@code render} templates serve {@code rendering.template}, {@code parse} templates {@code parsing.template}.
 */
@Path("/templates/{kind}")
public class TemplateStoreResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final TemplateStore store;
    private final TemplatesConfig config;

    public TemplateStoreResource(TemplateStore store, TemplatesConfig config) {
        this.store = store;
        this.config = config;
    }

    /** A stored template's identity, answered by PUT. */
    public record StoredTemplate(String kind, String name, int bytes) {
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.CONFIG)
    @Operation(summary = "Store a template under a name", description = "The body is the template text "
            + "(Content-Type: text/plain). Replaces a template of the same kind and name. Refer to it as "
            + "store://<name> in `template`.")
    @APIResponse(responseCode = "201", description = "Stored under a new name",
            content = @Content(schema = @Schema(implementation = StoredTemplate.class)))
    @APIResponse(responseCode = "200", description = "Replaced the template of that name",
            content = @Content(schema = @Schema(implementation = StoredTemplate.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'config' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "The kind is not render or parse",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "A bad name, an empty template or one over np.templates.max-size",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<StoredTemplate>> put(@Parameter(description = "render or parse") @RestPath String kind,
                                                 @Parameter(description = "Letters, digits, '.', '_' and '-', at "
                                                         + "most 128") @RestPath String name,
                                                 String body) {
        TemplateKind templateKind = TemplateKind.fromWire(kind);
        checkName(name);
        int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0) {
            throw InvalidRequestException.of("body", "the template is empty: send its text as the body "
                    + "(Content-Type: text/plain)");
        }
        if (bytes > config.maxSize()) {
            throw InvalidRequestException.of("body", "the template has " + bytes + " bytes; at most "
                    + config.maxSize() + " are accepted (np.templates.max-size)");
        }
        StoredTemplate stored = new StoredTemplate(templateKind.wire(), name, bytes);
        return store.put(templateKind, name, body).map(created -> created
                ? RestResponse.status(RestResponse.Status.CREATED, stored) : RestResponse.ok(stored));
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.TEXT_PLAIN)
    @RequiresScope(Scope.READ)
    @Operation(summary = "A stored template's text")
    @APIResponse(responseCode = "200", description = "The template text",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No template of that kind and name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<Object>> get(@Parameter(description = "render or parse") @RestPath String kind,
                                         @RestPath String name) {
        TemplateKind templateKind;
        try {
            templateKind = TemplateKind.fromWire(kind);
        } catch (NotFoundException e) {
            return Uni.createFrom().item(jsonNotFound(e));
        }
        return store.get(templateKind, name).map(text -> text == null ? jsonNotFound(notFound(templateKind, name))
                : RestResponse.ok(text));
    }

    /** An error answered as JSON by an endpoint that produces text/plain. */
    private static RestResponse<Object> jsonNotFound(NotFoundException e) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.NOT_FOUND, (Object) ErrorBody.of(e.getMessage()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.READ)
    @Operation(summary = "The names of the stored templates of a kind, sorted")
    @APIResponse(responseCode = "200", description = "The names",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)))
    @APIResponse(responseCode = "404", description = "The kind is not render or parse",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<String>> names(@Parameter(description = "render or parse") @RestPath String kind) {
        return store.names(TemplateKind.fromWire(kind));
    }

    @DELETE
    @Path("{name}")
    @RequiresScope(Scope.CONFIG)
    @Operation(summary = "Remove a stored template")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "The API key lacks the 'config' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No template of that kind and name",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Void> delete(@Parameter(description = "render or parse") @RestPath String kind, @RestPath String name) {
        TemplateKind templateKind = TemplateKind.fromWire(kind);
        return store.delete(templateKind, name).map(existed -> {
            if (!existed) {
                throw notFound(templateKind, name);
            }
            return null;
        });
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw InvalidRequestException.exactly(List.of("path", "name"), "invalid template name '" + name
                    + "': use letters, digits, '.', '_' and '-' (at most 128, starting with a letter or digit)");
        }
    }

    private static NotFoundException notFound(TemplateKind kind, String name) {
        return new NotFoundException("No " + kind.wire() + " template named '" + name + "' in the store");
    }
}
