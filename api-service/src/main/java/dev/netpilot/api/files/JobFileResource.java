package dev.netpilot.api.files;

import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.api.error.NotFoundException;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a download job fetched from its device, served from Redis (where the executor stored them) for as long
 * as the job's result is kept. Each result entry's {@code download_url} points here.
 */
@Path("/jobs/{id}/files")
public class JobFileResource {

    private final Redis redis;

    public JobFileResource(Redis redis) {
        this.redis = redis;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.READ)
    @Operation(summary = "The names of the files a download job fetched")
    @APIResponse(responseCode = "200", description = "File names (relative paths), sorted; empty when the job "
            + "fetched none or its files expired",
            content = @Content(schema = @Schema(implementation = String.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'read' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<String>> list(@RestPath String id) {
        return redis.send(Request.cmd(Command.HKEYS).arg(RedisKeys.jobFiles(id))).map(keys -> {
            List<String> names = new ArrayList<>();
            if (keys != null) {
                keys.forEach(key -> names.add(key.toString()));
            }
            names.sort(null);
            return names;
        });
    }

    @GET
    @Path("{name: .+}")
    @RequiresScope(Scope.READ)
    @Operation(summary = "A file a download job fetched, as an attachment",
            description = "`name` is the file's name as in the entry's download_url (a relative path for "
                    + "recursive downloads). Names with '..', empty elements, a leading '/', '\\' or NUL are refused.")
    @APIResponse(responseCode = "200", description = "The file's bytes",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "The name is not a plain relative file name",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'read' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such file for this job (never fetched, or expired)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<Buffer>> file(@RestPath String id, @RestPath String name) {
        checkName(name);
        return redis.send(Request.cmd(Command.HGET).arg(RedisKeys.jobFiles(id)).arg(name)).map(value -> {
            if (value == null) {
                throw new NotFoundException("Job " + id + " has no file named '" + name + "': it fetched no such "
                        + "file, or its files expired with its result (GET /jobs/" + id + "/files lists them)");
            }
            return RestResponse.ResponseBuilder.ok(value.toBuffer().getDelegate(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header("Content-Disposition", contentDisposition(name))
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        });
    }

    /** A relative path of plain names: no traversal, no absolute path, no NUL or backslash. */
    static void checkName(String name) {
        String problem = null;
        if (name.indexOf('\0') >= 0) {
            problem = "must not contain NUL";
        } else if (name.startsWith("/")) {
            problem = "must be relative, not an absolute path";
        } else if (name.indexOf('\\') >= 0) {
            problem = "must use '/' between directories, never '\\'";
        } else {
            for (String element : name.split("/", -1)) {
                if (element.isEmpty() || element.equals(".") || element.equals("..")) {
                    problem = "must not contain '..', '.' or empty path elements";
                    break;
                }
            }
        }
        if (problem != null) {
            throw new BadRequestException("The file name " + problem + "; use the name from the entry's "
                    + "download_url or from GET /jobs/{id}/files");
        }
    }

    /** {@code attachment} with an ASCII-only fallback name and the exact name in RFC 5987 form. */
    static String contentDisposition(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        String ascii = last.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(last, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
