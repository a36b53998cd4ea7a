package dev.netpilot.executor.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.netpilot.job.WebhookRequest;

/**
 * A webhook delivery as kept in Redis until it succeeds or gives up: the webhook (with its secrets), the event,
 * what it is about ({@code subject}: a job or task id), the payload as JSON and the attempts made so far.
 */
public record Delivery(
        String id,
        String event,
        String subject,
        WebhookRequest webhook,
        String payload,
        int attempts,
        @JsonProperty("last_error") String lastError) {

    Delivery failedOnce(String error) {
        return new Delivery(id, event, subject, webhook, payload, attempts + 1, error);
    }

    @Override
    public String toString() {
        return "Delivery[" + id + ", " + event + " of " + subject + " to " + webhook.safeUrl() + "]";
    }
}
