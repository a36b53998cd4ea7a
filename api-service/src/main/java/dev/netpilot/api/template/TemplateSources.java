package dev.netpilot.api.template;

import dev.netpilot.templates.TemplateException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@code template} value into the template's text. A value that is one word of the form
 * {@code scheme://rest} is a reference: {@code store://<name>} (the template store), {@code file://<path>} (only
 * inside {@code np.templates.dir}), {@code http(s)://...} (only from {@code np.templates.http-allow-hosts}, with a
 * timeout and a size cap, redirects not followed); any other scheme is refused. Anything else is inline text.
 * Failures are {@link TemplateException}s that say what to change.
 */
@ApplicationScoped
public class TemplateSources {

    private static final Pattern REFERENCE = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(\\S*)");

    private final TemplateStore store;
    private final TemplatesConfig config;
    private final HttpClient http;

    public TemplateSources(TemplateStore store, TemplatesConfig config, Vertx vertx) {
        this.store = store;
        this.config = config;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.httpTimeout().toMillis()));
    }

    public Uni<String> resolve(String source, TemplateKind kind) {
        Matcher reference = REFERENCE.matcher(source);
        if (!reference.matches()) {
            return Uni.createFrom().item(source);
        }
        String rest = reference.group(2);
        return switch (reference.group(1).toLowerCase(Locale.ROOT)) {
            case "store" -> fromStore(kind, rest);
            case "file" -> Uni.createFrom().item(() -> fromFile(rest))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            case "http", "https" -> fromHttp(source);
            default -> Uni.createFrom().failure(new TemplateException("unsupported template source '" + source
                    + "': give inline text, store://<name>, file://<path> inside np.templates.dir, or an http(s) "
                    + "URL of a host in np.templates.http-allow-hosts"));
        };
    }

    private Uni<String> fromStore(TemplateKind kind, String name) {
        return store.get(kind, name).map(text -> {
            if (text == null) {
                throw new TemplateException("no " + kind.wire() + " template named '" + name + "' in the store; "
                        + "add it with PUT /templates/" + kind.wire() + "/" + name);
            }
            return text;
        });
    }

    private String fromFile(String path) {
        Path root;
        try {
            root = config.dir().orElseThrow(() -> new TemplateException("file:// templates are off: set "
                    + "np.templates.dir to the directory that holds them")).toRealPath();
        } catch (IOException e) {
            throw new TemplateException("np.templates.dir cannot be read: " + e.getMessage());
        }
        Path asked = Path.of(path);
        Path target = (asked.isAbsolute() ? asked : root.resolve(asked)).normalize();
        try {
            if (target.startsWith(root)) {
                target = target.toRealPath(); // a symbolic link must not lead outside either
            }
            if (!target.startsWith(root)) {
                throw new TemplateException("file://" + path + " is outside np.templates.dir: only files in that "
                        + "directory may be read");
            }
            if (Files.size(target) > config.maxSize()) {
                throw new TemplateException("file://" + path + " is larger than " + config.maxSize() + " bytes");
            }
            return Files.readString(target, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TemplateException("file://" + path + " does not exist in np.templates.dir");
        } catch (IOException e) {
            throw new TemplateException("file://" + path + " cannot be read: " + e.getMessage());
        }
    }

    private Uni<String> fromHttp(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new TemplateException("invalid template URL '" + url + "'"));
        }
        List<String> allowed = config.httpAllowHosts().orElse(List.of());
        if (host == null || allowed.stream().noneMatch(host::equalsIgnoreCase)) {
            return Uni.createFrom().failure(new TemplateException("templates may be fetched only from the hosts in "
                    + "np.templates.http-allow-hosts; '" + host + "' is not one of them"));
        }
        long timeout = config.httpTimeout().toMillis();
        return http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                        .setFollowRedirects(false).setIdleTimeout(timeout))
                .chain(request -> request.send())
                .chain(response -> body(url, response))
                .ifNoItem().after(config.httpTimeout()).failWith(() -> new TemplateException("GET " + url
                        + " did not answer within " + config.httpTimeout().toSeconds() + " s"))
                .onFailure(failure -> !(failure instanceof TemplateException))
                .transform(failure -> new TemplateException("GET " + url + " failed: " + failure.getMessage()));
    }

    private Uni<String> body(String url, HttpClientResponse response) {
        if (response.statusCode() != 200) {
            abort(response);
            return Uni.createFrom().failure(new TemplateException("GET " + url + " answered " + response.statusCode()
                    + "; the template must be served with 200"));
        }
        int max = config.maxSize();
        return response.toMulti().collect().in(Buffer::buffer, (all, part) -> {
            all.appendBuffer(part);
            if (all.length() > max) {
                throw new TemplateException("GET " + url + " is larger than " + max + " bytes");
            }
        }).onFailure().invoke(() -> abort(response)).map(all -> all.toString(StandardCharsets.UTF_8));
    }

    /** Drops the rest of the body; the reset that follows is expected, not an error to log. */
    private static void abort(HttpClientResponse response) {
        response.exceptionHandler(expected -> {
        });
        response.request().reset();
    }
}
