package dev.netpilot.executor.webhook;

import dev.netpilot.job.WebhookRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The built-in {@code basic} webhook: the message as an HTTP request with the webhook's method, headers, cookies,
 * Basic authentication and timeout, on a shared non-blocking Vert.x HTTP client. Any 2xx answer is success.
 */
public class BasicWebhookCaller implements WebhookCaller {

    public static final String NAME = "basic";

    private Vertx vertx;
    private HttpClient client;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void init(Vertx vertx) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64));
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
                        ? "no answer within " + webhook.timeout() + " s"
                        : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
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
}
