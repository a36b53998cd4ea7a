package dev.netpilot.executor.webhook;

import dev.netpilot.job.WebhookRequest;
import dev.netpilot.plugin.Configurable;
import dev.netpilot.plugin.PluginConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The built-in {@code basic} webhook: the message as an HTTP request with the webhook's method, headers, cookies,
 * Basic authentication and timeout, on a shared non-blocking Vert.x HTTP client. Any 2xx answer is success.
 */
public class BasicWebhookCaller implements WebhookCaller, Configurable {

    public static final String NAME = "basic";
    /** A PEM file of authorities HTTPS receivers may chain to, besides the JVM's own. */
    public static final String CA_FILE = "np.webhook.ca-file";

    private Optional<Path> caFile = Optional.empty();

    private Vertx vertx;
    private HttpClient client;

    @Override
    public String name() {
        return NAME;
    }

    /** Reads {@code np.webhook.ca-file}; the file itself is read by {@link #init}. */
    @Override
    public void configure(PluginConfig config) {
        caFile = config.get(CA_FILE).map(String::trim).filter(path -> !path.isEmpty()).map(Path::of);
    }

    /**
     * Sets up the client: HTTPS receivers must chain to the JVM's authorities or to those in
     * {@code np.webhook.ca-file}, and match the URL's host name.
     *
     * @throws IllegalArgumentException when the CA file cannot be used (the executor does not start)
     */
    @Override
    public void init(Vertx vertx) {
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64).setVerifyHost(true);
        caFile.map(WebhookTrust::withCaFile).ifPresent(options::setTrustOptions);
        this.vertx = vertx;
        this.client = vertx.createHttpClient(options);
    }

    @Override
    public CompletionStage<Void> call(WebhookRequest webhook, WebhookMessage message) {
        if (client == null) {
            throw new IllegalStateException("BasicWebhookCaller.init was not called");
        }
        long timeoutMs = Math.round(webhook.timeout() * 1000);
        RequestOptions options = new RequestOptions().setAbsoluteURI(webhook.url())
                .setMethod(HttpMethod.valueOf(webhook.method()))
                .setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs);
        message.headers().forEach(options::putHeader);
        if (webhook.headers() != null) {
            // The request's headers may set anything but the delivery's own (signature, timestamp, ...).
            webhook.headers().forEach((name, value) -> {
                if (!name.toLowerCase(Locale.ROOT).startsWith("x-netpilot-")) {
                    options.putHeader(name, value);
                }
            });
        }
        if (webhook.cookies() != null && !webhook.cookies().isEmpty()) {
            options.putHeader("Cookie", webhook.cookies().entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).collect(Collectors.joining("; ")));
        }
        if (webhook.auth() != null) {
            options.putHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (webhook.auth().get(0) + ":" + webhook.auth().get(1)).getBytes(StandardCharsets.UTF_8)));
        }
        String target = webhook.safeUrl();
        Future<Void> sent = client.request(options).compose(request -> {
            long deadline = vertx.setTimer(timeoutMs, id -> request.reset(0, new TimeoutException()));
            return request.send(Buffer.buffer(message.body()))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .onComplete(ignored -> vertx.cancelTimer(deadline));
        }).transform(outcome -> {
            if (outcome.failed()) {
                Throwable cause = outcome.cause();
                String why = cause instanceof TimeoutException
                        ? "no answer within " + webhook.timeout() + " s" : reason(cause);
                return Future.failedFuture(new WebhookFailedException(webhook.method() + " " + target + " failed: " + why));
            }
            int status = outcome.result();
            if (status < 200 || status > 299) {
                return Future.failedFuture(new WebhookFailedException(webhook.method() + " " + target
                        + " answered HTTP " + status));
            }
            return Future.succeededFuture();
        });
        return sent.toCompletionStage();
    }

    /**
     * The failure's type and message, and its root cause's message when that says more: a TLS handshake fails
     * with "Failed to create SSL connection" while its cause names the certificate problem.
     */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return root == failure || root.getMessage() == null ? why : why + ": " + root.getMessage();
    }
}
