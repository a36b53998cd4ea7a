package dev.netpilot.driver.eapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.DriverException.AuthenticationException;
import dev.netpilot.driver.DriverException.CommandTimeoutException;
import dev.netpilot.driver.DriverException.DeviceConnectionException;
import dev.netpilot.job.JobJson;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The process-wide eAPI client: one small Vert.x instance (two event loops serve every device) and one HTTP client
 * per TLS setup, whose keep-alive connections are reused across jobs. A call is one JSON-RPC {@code runCmds} POST,
 * bounded by the target's {@code timeout}; nothing blocks.
 */
final class EapiClient {

    private static final String PATH = "/command-api";
    private static final ObjectMapper JSON = JobJson.mapper();
    private static volatile EapiClient shared;

    private final Vertx vertx;
    private final Map<EapiTarget.TlsClient, HttpClient> clients = new ConcurrentHashMap<>();

    private EapiClient() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    }

    static EapiClient shared() {
        EapiClient client = shared;
        if (client == null) {
            synchronized (EapiClient.class) {
                client = shared;
                if (client == null) {
                    shared = client = new EapiClient();
                }
            }
        }
        return client;
    }

    /**
     * Posts {@code runCmds} and reads the answer. {@code started} receives the HTTP request once it is under way, so
     * that the caller can cut it ({@link HttpClientRequest#reset()}). The stage fails with a {@link DriverException}
     * when the device cannot be reached, refuses the login or does not answer eAPI; a command the device rejects is
     * a {@link EapiReply} that {@link EapiReply#failed()}.
     */
    CompletionStage<EapiReply> runCmds(EapiTarget target, List<Object> cmds, String format,
                                       Consumer<HttpClientRequest> started) {
        CompletableFuture<EapiReply> result = new CompletableFuture<>();
        byte[] body;
        try {
            ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "runCmds")
                    .put("id", UUID.randomUUID().toString());
            request.putObject("params").put("version", 1).put("format", format).set("cmds", JSON.valueToTree(cmds));
            body = JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot write an eAPI request", e));
        }
        HttpClientRequest[] current = new HttpClientRequest[1];
        long timer = vertx.setTimer(target.timeout().toMillis(), id -> {
            if (result.completeExceptionally(new CommandTimeoutException("eAPI on " + target.address()
                    + " did not answer within " + target.timeout().toMillis() / 1000.0 + " s (connection_args.timeout)"))) {
                cut(current);
            }
        });
        result.whenComplete((reply, failure) -> vertx.cancelTimer(timer));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.host())
                .setPort(target.port()).setURI(PATH).setSsl(target.tls())
                .putHeader("Authorization", target.authorization())
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
        client(target.tlsClient()).request(options).onComplete(opened -> {
            if (opened.failed()) {
                result.completeExceptionally(unreachable(target, opened.cause()));
                return;
            }
            HttpClientRequest request = opened.result();
            synchronized (current) {
                current[0] = request;
            }
            if (result.isDone()) { // timed out or cut while connecting
                request.reset();
                return;
            }
            started.accept(request);
            request.send(Buffer.buffer(body))
                    .compose(response -> response.body().map(answer -> read(target, response.statusCode(),
                            response.statusMessage(), answer)))
                    .onComplete(done -> {
                        if (done.succeeded()) {
                            result.complete(done.result());
                        } else {
                            Throwable cause = done.cause();
                            result.completeExceptionally(cause instanceof DriverException ? cause
                                    : unreachable(target, cause));
                        }
                    });
        });
        return result;
    }

    private HttpClient client(EapiTarget.TlsClient tls) {
        return clients.computeIfAbsent(tls, settings -> {
            HttpClientOptions options = new HttpClientOptions().setSsl(settings.tls())
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                    .setKeepAlive(true).setKeepAliveTimeout(30).setTcpNoDelay(true);
            if (settings.tls()) {
                options.setTrustAll(!settings.verify()).setVerifyHost(settings.verify());
                if (settings.caFile() != null) {
                    options.setTrustOptions(new PemTrustOptions().addCertPath(settings.caFile()));
                }
                if (settings.certFile() != null) {
                    options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(settings.certFile())
                            .setKeyPath(settings.keyFile()));
                }
            }
            return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(4));
        });
    }

    private static void cut(HttpClientRequest[] current) {
        HttpClientRequest request;
        synchronized (current) {
            request = current[0];
        }
        if (request != null) {
            request.reset();
        }
    }

    /** The reply of a finished HTTP exchange, or the failure that says what to fix. */
    private static EapiReply read(EapiTarget target, int status, String statusMessage, Buffer answer) {
        if (status == 401) {
            throw new AuthenticationException("eAPI on " + target.address() + " refused the login of '"
                    + target.username() + "' (HTTP 401 Unauthorized): check username/password");
        }
        if (status != 200) {
            throw new DeviceConnectionException("eAPI on " + target.address() + " answered HTTP " + status + " "
                    + statusMessage + ": check that eAPI is enabled on the device (management api http-commands, "
                    + "no shutdown) and that transport and port are right", null);
        }
        JsonNode response;
        try {
            response = JSON.readTree(answer.getBytes());
        } catch (java.io.IOException e) {
            response = null;
        }
        if (response == null || !response.isObject()) {
            throw new DeviceConnectionException(target.address() + PATH + " did not answer JSON-RPC: check that it is "
                    + "an Arista eAPI endpoint (transport and port)", null);
        }
        JsonNode error = response.get("error");
        if (error == null) {
            return new EapiReply(results(response.get("result")), 0, null);
        }
        int code = error.path("code").asInt();
        if (code < 1000) { // a JSON-RPC error about the request itself, not about a command
            throw new DeviceConnectionException("eAPI on " + target.address() + " rejected the request: [" + code + "] "
                    + error.path("message").asText(), null);
        }
        return new EapiReply(results(error.get("data")), code, error.path("message").asText());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(JsonNode data) {
        List<Map<String, Object>> results = new ArrayList<>();
        if (data != null && data.isArray()) {
            for (JsonNode item : data) {
                results.add(item.isObject() ? JSON.convertValue(item, Map.class) : Map.of("output", item.asText()));
            }
        }
        return results;
    }

    /** A failure to exchange with the device at all, with what to check. */
    private static DriverException unreachable(EapiTarget target, Throwable cause) {
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof ConnectException || cause.getClass().getName().endsWith("ConnectTimeoutException")) {
            return new DeviceConnectionException("could not connect to eAPI on " + target.address() + " (" + what
                    + "): check host, port and transport, and that eAPI is enabled on the device (management api "
                    + "http-commands)", cause);
        }
        if (cause instanceof SSLException || hasCause(cause, SSLException.class)) {
            what = rootMessage(cause);
            boolean untrusted = what.contains("PKIX") || what.contains("certificat") || what.contains("subject");
            return new DeviceConnectionException("TLS with " + target.address() + " failed (" + what + "): "
                    + (untrusted ? "the device's certificate is not trusted; set connection_args.ca_file to the CA "
                    + "(PEM) that signed it, or tls_verify: false to skip the check"
                    : "check that the device serves HTTPS on this port, or use transport 'http'"), cause);
        }
        return new DeviceConnectionException("eAPI exchange with " + target.address() + " failed (" + what
                + "): check transport (http or https) and port", cause);
    }

    /** The message of the innermost cause that has one: TLS wraps the useful words deep down. */
    private static String rootMessage(Throwable failure) {
        String message = failure.getClass().getSimpleName();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
