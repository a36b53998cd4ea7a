package dev.netpilot.simulator.vault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for HashiCorp Vault's HTTP API, enough to test KV version 2 reads: {@code GET
 * /v1/<mount>/data/<path>[?version=N]} with {@code X-Vault-Token} and {@code X-Vault-Namespace}, AppRole login
 * ({@code POST /v1/auth/approle/login}), token policies as lists of readable {@code mount/path} prefixes, and
 * Vault's answers: 200 with {@code data.data} and {@code data.metadata}, 403 {@code permission denied}, 404 with
 * an empty {@code errors} list, 400 on a bad AppRole login. Binds 127.0.0.1 on a free port.
 */
public final class VaultSimulator implements AutoCloseable {

    private static final Pattern READ = Pattern.compile("/v1/([^/]+)/data/(.+)");
    private static final Pattern JSON_FIELD = Pattern.compile("\"(role_id|secret_id)\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpServer server;
    /** token -> readable mount/path prefixes */
    private final Map<String, List<String>> tokens = new ConcurrentHashMap<>();
    /** role_id -> (secret_id, policy, lease) */
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    /** namespace|mount/path -> versions, oldest first */
    private final Map<String, List<Map<String, String>>> secrets = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private record Role(String secretId, List<String> readable, int leaseSeconds) {
    }

    private VaultSimulator(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1 and a free port. */
    public static VaultSimulator start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        VaultSimulator vault = new VaultSimulator(server);
        server.createContext("/v1/", vault::handle);
        server.start();
        return vault;
    }

    /**
     * Starts over TLS on 127.0.0.1 and a free port, with the key and certificate of a PKCS#12 {@code keyStore}
     * (its certificate must name {@code 127.0.0.1}).
     */
    public static VaultSimulator startTls(Path keyStore, char[] password) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the key store " + keyStore + ": " + e.getMessage(), e);
        }
        VaultSimulator vault = new VaultSimulator(server);
        server.createContext("/v1/", vault::handle);
        server.start();
        return vault;
    }

    /** {@code http://127.0.0.1:<port>}, or {@code https://} over TLS. */
    public String address() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A token that may read the secrets under each {@code mount/path} prefix. */
    public VaultSimulator token(String token, List<String> readable) {
        tokens.put(token, List.copyOf(readable));
        return this;
    }

    /** Makes a token invalid, as when it expires. */
    public VaultSimulator revoke(String token) {
        tokens.remove(token);
        return this;
    }

    /** An AppRole whose logins get tokens that may read under {@code readable}, for {@code leaseSeconds}. */
    public VaultSimulator appRole(String roleId, String secretId, List<String> readable, int leaseSeconds) {
        roles.put(roleId, new Role(secretId, List.copyOf(readable), leaseSeconds));
        return this;
    }

    /** Writes a new version of a secret ({@code namespace} null for the root namespace); returns its version. */
    public int put(String namespace, String mount, String path, Map<String, String> data) {
        List<Map<String, String>> versions = secrets.computeIfAbsent(key(namespace, mount + "/" + path),
                k -> new CopyOnWriteArrayList<>());
        versions.add(Map.copyOf(data));
        return versions.size();
    }

    /** Every request seen, as {@code METHOD path[?query] ns=<namespace> token=<yes|no>}, oldest first. */
    public List<String> requests() {
        return new ArrayList<>(requests);
    }

    /** The tokens handed out by AppRole logins so far. */
    public List<String> issuedTokens() {
        return tokens.keySet().stream().filter(token -> token.startsWith("hvs.approle.")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String namespace = exchange.getRequestHeaders().getFirst("X-Vault-Namespace");
            String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
            requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query)
                    + " ns=" + (namespace == null ? "" : namespace) + " token=" + (token == null ? "no" : "yes"));
            if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/auth/approle/login")) {
                login(exchange);
                return;
            }
            Matcher read = READ.matcher(path);
            if (!exchange.getRequestMethod().equals("GET") || !read.matches()) {
                send(exchange, 404, "{\"errors\":[]}");
                return;
            }
            String mount = URLDecoder.decode(read.group(1), StandardCharsets.UTF_8);
            String secretPath = URLDecoder.decode(read.group(2), StandardCharsets.UTF_8);
            List<String> readable = token == null ? null : tokens.get(token);
            String full = mount + "/" + secretPath;
            if (readable == null || readable.stream().noneMatch(prefix -> full.equals(prefix)
                    || full.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"))) {
                send(exchange, 403, "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}");
                return;
            }
            List<Map<String, String>> versions = secrets.get(key(namespace, full));
            int version = versions == null ? 0 : versions.size();
            if (query != null && query.startsWith("version=")) {
                version = Integer.parseInt(query.substring("version=".length()));
            }
            if (versions == null || version < 1 || version > versions.size()) {
                send(exchange, 404, "{\"errors\":[]}");
                return;
            }
            send(exchange, 200, "{\"request_id\":\"" + UUID.randomUUID() + "\",\"lease_id\":\"\",\"renewable\":false,"
                    + "\"lease_duration\":0,\"data\":{\"data\":" + object(versions.get(version - 1))
                    + ",\"metadata\":{\"created_time\":\"2026-01-01T00:00:00Z\",\"custom_metadata\":null,"
                    + "\"deletion_time\":\"\",\"destroyed\":false,\"version\":" + version + "}},"
                    + "\"wrap_info\":null,\"warnings\":null,\"auth\":null}");
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher fields = JSON_FIELD.matcher(body);
        String roleId = null;
        String secretId = null;
        while (fields.find()) {
            if (fields.group(1).equals("role_id")) {
                roleId = fields.group(2);
            } else {
                secretId = fields.group(2);
            }
        }
        Role role = roleId == null ? null : roles.get(roleId);
        if (role == null || !role.secretId.equals(secretId)) {
            send(exchange, 400, "{\"errors\":[\"invalid role or secret ID\"]}");
            return;
        }
        String token = "hvs.approle." + UUID.randomUUID();
        tokens.put(token, role.readable);
        send(exchange, 200, "{\"request_id\":\"" + UUID.randomUUID() + "\",\"auth\":{\"client_token\":\"" + token
                + "\",\"accessor\":\"" + UUID.randomUUID() + "\",\"policies\":[\"default\",\"netpilot\"],"
                + "\"token_policies\":[\"default\",\"netpilot\"],\"lease_duration\":" + role.leaseSeconds
                + ",\"renewable\":true,\"entity_id\":\"\",\"token_type\":\"service\",\"orphan\":true}}");
    }

    private static String key(String namespace, String path) {
        return (namespace == null ? "" : namespace.replaceAll("^/+|/+$", "")) + "|" + path;
    }

    private static String object(Map<String, String> data) {
        StringBuilder json = new StringBuilder("{");
        data.forEach((key, value) -> json.append(json.length() == 1 ? "" : ",").append(string(key)).append(':')
                .append(string(value)));
        return json.append('}').toString();
    }

    private static String string(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return json.append('"').toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
