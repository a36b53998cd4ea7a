package dev.netpilot.executor.webhook;

import dev.netpilot.job.WebhookRequest;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletionStage;

/**
 * Delivers one webhook message: the plugin point named by a request's {@code webhook.name} ({@code basic} is the
 * built-in HTTP caller). Implementations are found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.netpilot.executor.webhook.WebhookCaller} file naming the class, which has a public
 * no-argument constructor). Retries, scheduling and signing are done around the caller, not by it.
 */
public interface WebhookCaller {

    /** The name requests use in {@code webhook.name}. */
    String name();

    /**
     * Sends {@code message} as {@code webhook} says, without blocking the calling thread. The stage completes when
     * the receiver accepted it (HTTP 2xx for {@code basic}) and fails with a message safe to log (no secrets)
     * otherwise; it must end within {@code webhook.timeout}.
     */
    CompletionStage<Void> call(WebhookRequest webhook, WebhookMessage message);

    /** Called once with the executor's Vert.x before the first call. */
    default void init(Vertx vertx) {
    }
}
