package dev.netpilot.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * Arista eAPI over HTTP or HTTPS: {@code POST /command-api} with a JSON-RPC 2.0 {@code runCmds} request and basic
 * authentication, one JDK HTTP server per device that has a {@link CommandApi} (one port each, so clients address a
 * device as they do a real switch). HTTPS presents a self-signed certificate for {@code localhost} and
 * {@code 127.0.0.1} made at start. Requests are served by two shared threads.
 */
final class EapiServer implements AutoCloseable {

    static final String PATH = "/command-api";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "simulator-eapi");
        thread.setDaemon(true);
        return thread;
    });
    private final SimulatorConfig config;
    private final SelfSignedCertificate certificate;
    private final SSLContext tls;

    private EapiServer(SimulatorConfig config) {
        this.config = config;
        boolean https = config.eapi().equals(SimulatorConfig.EAPI_HTTPS);
        certificate = https ? SelfSignedCertificate.generate("netpilot-simulator") : null;
        tls = https ? certificate.serverContext() : null;
    }

    /** Starts a server for each device with a command API and tells the device its port; none when eAPI is off. */
    static EapiServer start(SimulatorConfig config, List<SimulatedDevice> devices) throws IOException {
        EapiServer eapi = new EapiServer(config);
        if (config.eapi().equals(SimulatorConfig.EAPI_OFF)) {
            return eapi;
        }
        try {
            for (SimulatedDevice device : devices) {
                CommandApi api = device.model().commandApi();
                if (api != null) {
                    device.eapiStarted(eapi.serve(device, api), config.eapi());
                }
            }
            return eapi;
        } catch (IOException | RuntimeException e) {
            eapi.close();
            throw e;
        }
    }

    /** The HTTPS certificate in PEM form, or null over plain HTTP. */
    String certificatePem() {
        return certificate == null ? null : certificate.pem();
    }

    private int serve(SimulatedDevice device, CommandApi api) throws IOException {
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), 0);
        HttpServer server;
        if (tls != null) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        server.setExecutor(threads);
        server.createContext(PATH, exchange -> {
            try {
                handle(exchange, device, api);
            } finally {
                exchange.close();
            }
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, SimulatedDevice device, CommandApi api) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            send(exchange, 404, "text/plain", "Not Found\n");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, 405, "text/plain", "Method Not Allowed\n");
            return;
        }
        String user = authenticated(exchange.getRequestHeaders().getFirst("Authorization"));
        if (user == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"eAPI\"");
            send(exchange, 401, "text/html", "<html><body><h1>401 Unauthorized</h1></body></html>\n");
            return;
        }
        JsonNode request;
        try (InputStream body = exchange.getRequestBody()) {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            send(exchange, 200, "application/json", error(null, -32700, "Parse error: " + e.getOriginalMessage()));
            return;
        }
        send(exchange, 200, "application/json", answer(request, device, api, user,
                exchange.getRemoteAddress().getAddress().getHostAddress()));
    }

    /** The JSON-RPC answer to one request: checks its shape as eAPI does, then runs the commands. */
    private String answer(JsonNode request, SimulatedDevice device, CommandApi api, String user, String peer) {
        JsonNode id = request == null ? null : request.get("id");
        if (request == null || !request.isObject()) {
            return error(null, -32600, "Invalid request: expected a JSON object");
        }
        if (!"2.0".equals(request.path("jsonrpc").asText())) {
            return error(id, -32600, "Expected field 'jsonrpc' not specified");
        }
        if (!"runCmds".equals(request.path("method").asText())) {
            return error(id, -32601, "Method not found: '" + request.path("method").asText() + "'");
        }
        JsonNode params = request.path("params");
        JsonNode version = params.path("version");
        if (!(version.isInt() && version.asInt() == 1) && !"latest".equals(version.asText())) {
            return error(id, -32602, "Invalid params: 'version' must be 1 or \"latest\"");
        }
        String format = params.path("format").asText("json");
        if (!format.equals("json") && !format.equals("text")) {
            return error(id, -32602, "Invalid params: 'format' must be \"json\" or \"text\", got '" + format + "'");
        }
        JsonNode cmds = params.path("cmds");
        if (!cmds.isArray() || cmds.isEmpty()) {
            return error(id, -32602, "Invalid params: 'cmds' must be a non-empty list");
        }
        List<CommandApi.Command> commands = new ArrayList<>();
        for (JsonNode cmd : cmds) {
            if (cmd.isTextual()) {
                commands.add(new CommandApi.Command(cmd.asText(), null));
            } else if (cmd.isObject() && cmd.path("cmd").isTextual()) {
                commands.add(new CommandApi.Command(cmd.get("cmd").asText(),
                        cmd.path("input").isTextual() ? cmd.get("input").asText() : null));
            } else {
                return error(id, -32602, "Invalid params: each command must be a string or {\"cmd\": ..., \"input\": ...}");
            }
        }
        CommandApi.Outcome outcome = api.runCmds(commands, format.equals("json"),
                new SessionContext(user, peer, device::countCommand));
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        ArrayNode data = JSON.valueToTree(outcome.data());
        if (outcome.failed()) {
            ObjectNode error = response.putObject("error");
            error.put("code", outcome.errorCode()).put("message", outcome.errorMessage());
            error.set("data", data);
        } else {
            response.set("result", data);
        }
        return response.toString();
    }

    /** The user when the basic credentials are the device's login, else null. */
    private String authenticated(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = pair.substring(0, colon);
        return user.equals(config.username()) && pair.substring(colon + 1).equals(config.password()) ? user : null;
    }

    private static String error(JsonNode id, int code, String message) {
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        return response.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Stops every server (open exchanges are cut) and the shared threads. A JDK server's stop waits for its dispatcher
     * to notice, up to a second, so they are stopped all at once rather than one after another.
     */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (HttpServer server : servers) {
            Thread thread = new Thread(() -> server.stop(0), "simulator-eapi-stop");
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        servers.clear();
        threads.shutdownNow();
    }
}
