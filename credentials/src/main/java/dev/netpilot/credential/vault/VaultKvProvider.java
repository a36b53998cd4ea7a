package dev.netpilot.credential.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netpilot.credential.CredentialException;
import dev.netpilot.credential.CredentialProvider;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.plugin.Configurable;
import dev.netpilot.plugin.PluginConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * HashiCorp Vault's KV version 2 secrets engine over its HTTP API ({@code vault}, alias NetPulse's
 * {@code vault_kv}): {@code GET /v1/<mount>/data/<ref>?version=N} with {@code X-Vault-Token} and
 * {@code X-Vault-Namespace}. It logs in with a token or with AppRole ({@code POST /v1/auth/approle/login}, the
 * token kept until shortly before its lease ends), trusts a CA file for TLS, reads only the paths of the
 * allow-list, and keeps what it read in memory for a short time (never in Redis). Non-blocking: the JDK's
 * asynchronous {@link HttpClient}. Settings: {@code np.credentials.vault.*}.
 */
public final class VaultKvProvider implements CredentialProvider, Configurable {

    static final String PREFIX = "np.credentials.vault.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private URI address;
    private String token;
    private String roleId;
    private String secretId;
    private String approleMount;
    private String namespace;
    private List<String> allowedPaths;
    private Duration cacheTtl;
    private Duration timeout;
    private HttpClient http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile Login login;

    private record Cached(long expiresAtNanos, CompletableFuture<Map<String, String>> secret) {
    }

    private record Login(long expiresAtNanos, CompletableFuture<String> token) {
    }

    @Override
    public String name() {
        return "vault";
    }

    @Override
    public List<String> aliases() {
        return List.of("vault_kv");
    }

    @Override
    public void configure(PluginConfig config) {
        address = config.get(PREFIX + "address").filter(value -> !value.isBlank())
                .map(value -> URI.create(value.endsWith("/") ? value : value + "/")).orElse(null);
        token = config.get(PREFIX + "token").filter(value -> !value.isBlank()).orElse(null);
        roleId = config.get(PREFIX + "approle.role-id").filter(value -> !value.isBlank()).orElse(null);
        secretId = config.get(PREFIX + "approle.secret-id").filter(value -> !value.isBlank()).orElse(null);
        approleMount = config.get(PREFIX + "approle.mount", "approle");
        namespace = config.get(PREFIX + "namespace").filter(value -> !value.isBlank()).orElse(null);
        allowedPaths = config.list(PREFIX + "allowed-paths").stream().map(VaultKvProvider::trimSlashes).toList();
        cacheTtl = config.duration(PREFIX + "cache-ttl", Duration.ofSeconds(10));
        timeout = config.duration(PREFIX + "timeout", Duration.ofSeconds(10));
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        config.get(PREFIX + "ca-file").filter(value -> !value.isBlank())
                .ifPresent(file -> builder.sslContext(trusting(Path.of(file))));
        http = builder.build();
        cache.clear();
        login = null;
    }

    @Override
    public CompletionStage<Map<String, String>> read(CredentialRef ref) {
        if (address == null) {
            throw new CredentialException("the vault credential provider is not configured: set "
                    + PREFIX + "address (NP_CREDENTIALS_VAULT_ADDRESS) to Vault's URL");
        }
        String mount = trimSlashes(ref.mountOrDefault());
        String path = trimSlashes(ref.ref());
        checkPath(mount, "mount");
        checkPath(path, "ref");
        String full = mount + "/" + path;
        if (!allowed(full)) {
            throw new CredentialException("access to Vault path '" + full + "' is not allowed by "
                    + PREFIX + "allowed-paths (" + String.join(", ", allowedPaths) + ")");
        }
        String ns = ref.namespace() != null ? ref.namespace() : namespace;
        String key = (ns == null ? "" : ns) + "|" + full + "|" + (ref.version() == null ? "latest" : ref.version());
        long now = System.nanoTime();
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAtNanos - now > 0) {
            return cached.secret.copy();
        }
        CompletableFuture<Map<String, String>> secret = token(false)
                .thenCompose(vaultToken -> get(full, mount, path, ref.version(), ns, vaultToken))
                .thenCompose(response -> response.statusCode() == 403 && token == null && roleId != null
                        ? token(true).thenCompose(fresh -> get(full, mount, path, ref.version(), ns, fresh))
                        : CompletableFuture.completedFuture(response))
                .thenApply(response -> secret(response, full, ref.version()));
        if (!cacheTtl.isZero()) {
            Cached entry = new Cached(now + cacheTtl.toNanos(), secret);
            cache.put(key, entry);
            secret.whenComplete((value, failure) -> {
                if (failure != null) {
                    cache.remove(key, entry);
                }
            });
            if (cache.size() > 1024) {
                cache.values().removeIf(old -> old.expiresAtNanos - System.nanoTime() <= 0);
            }
        }
        return secret.copy();
    }

    private CompletableFuture<HttpResponse<String>> get(String full, String mount, String path, Integer version,
                                                        String ns, String vaultToken) {
        URI uri = address.resolve("v1/" + encode(mount) + "/data/" + encode(path)
                + (version == null ? "" : "?version=" + version));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("X-Vault-Token", vaultToken).header("Accept", "application/json");
        if (ns != null) {
            request.header("X-Vault-Namespace", ns);
        }
        return send(request.build(), "reading " + full);
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request, String what) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            throw new CredentialException("cannot reach Vault at " + address + " " + what + ": "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        });
    }

    /** The token to send: the configured one, or an AppRole login's (a new login when {@code renew}). */
    private CompletableFuture<String> token(boolean renew) {
        if (token != null) {
            return CompletableFuture.completedFuture(token);
        }
        if (roleId == null || secretId == null) {
            return CompletableFuture.failedFuture(new CredentialException("Vault needs a token: set " + PREFIX
                    + "token, or " + PREFIX + "approle.role-id and " + PREFIX + "approle.secret-id"));
        }
        synchronized (this) {
            Login current = login;
            if (!renew && current != null && current.expiresAtNanos - System.nanoTime() > 0
                    && !current.token.isCompletedExceptionally()) {
                return current.token;
            }
            CompletableFuture<String> fresh = new CompletableFuture<>();
            login = new Login(System.nanoTime() + Duration.ofDays(1).toNanos(), fresh); // until the login answers
            appRoleLogin(fresh);
            return fresh;
        }
    }

    private void appRoleLogin(CompletableFuture<String> result) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("role_id", roleId, "secret_id", secretId));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(address.resolve("v1/auth/" + encode(approleMount) + "/login"))
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (namespace != null) {
            request.header("X-Vault-Namespace", namespace);
        }
        long started = System.nanoTime();
        send(request.build(), "logging in with AppRole").thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new CredentialException("Vault refused the AppRole login (" + response.statusCode() + " "
                        + errors(response) + "): check " + PREFIX + "approle.role-id and secret-id");
            }
            JsonNode auth = json(response).path("auth");
            String clientToken = auth.path("client_token").asText(null);
            if (clientToken == null || clientToken.isEmpty()) {
                throw new CredentialException("Vault's AppRole login answer has no auth.client_token");
            }
            long lease = Math.max(1, auth.path("lease_duration").asLong(60));
            synchronized (this) {
                if (login != null && login.token == result) {
                    login = new Login(started + Duration.ofSeconds(lease).toNanos() * 9 / 10, result);
                }
            }
            return clientToken;
        }).whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                result.complete(value);
            }
        });
    }

    private static Map<String, String> secret(HttpResponse<String> response, String full, Integer version) {
        String which = "'" + full + "'" + (version == null ? "" : " version " + version);
        switch (response.statusCode()) {
            case 200 -> {
                JsonNode data = json(response).path("data").path("data");
                if (!data.isObject()) {
                    throw new CredentialException("Vault path " + which + " holds no data (the version may be "
                            + "deleted or destroyed)");
                }
                Map<String, String> values = new LinkedHashMap<>();
                data.fields().forEachRemaining(field -> values.put(field.getKey(),
                        field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
                return values;
            }
            case 403 -> throw new CredentialException("Vault token lacks permission to read path " + which
                    + " (403 " + errors(response) + ")");
            case 404 -> throw new CredentialException("secret not found at Vault path " + which + " (404): check "
                    + "credential.ref, mount, version and namespace");
            default -> throw new CredentialException("failed to read secret from Vault path " + which + ": "
                    + response.statusCode() + " " + errors(response));
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CredentialException("Vault answered " + response.statusCode() + " with a body that is not JSON");
        }
    }

    /** Vault's {@code errors} list; these are messages about the request, never secret data. */
    private static String errors(HttpResponse<String> response) {
        try {
            JsonNode errors = JSON.readTree(response.body()).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                StringBuilder text = new StringBuilder();
                errors.forEach(error -> text.append(text.length() == 0 ? "" : "; ").append(error.asText()));
                return text.toString();
            }
        } catch (IOException | RuntimeException ignored) {
            // no JSON body: the status says enough
        }
        return "no details";
    }

    private boolean allowed(String full) {
        return allowedPaths.isEmpty() || allowedPaths.stream()
                .anyMatch(prefix -> full.equals(prefix) || full.startsWith(prefix + "/"));
    }

    private static void checkPath(String path, String field) {
        if (path.isEmpty() || Arrays.stream(path.split("/")).anyMatch(part -> part.isEmpty() || part.equals(".")
                || part.equals("..")) || path.chars().anyMatch(c -> c == '?' || c == '#' || c == '%' || c < 0x20)) {
            throw new CredentialException("credential." + field + " '" + path + "' is not a Vault path: use "
                    + "names separated by single slashes, without '.', '..', '?', '#' or '%'");
        }
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private static String encode(String path) {
        return Arrays.stream(path.split("/")).map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8)
                .replace("+", "%20")).collect(Collectors.joining("/"));
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalArgumentException(PREFIX + "ca-file " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(PREFIX + "ca-file " + caFile + " cannot be read as PEM certificates: "
                    + e.getMessage(), e);
        }
    }
}
