package dev.netpilot.executor.webhook;

import java.util.Map;

/**
 * One attempt at a delivery: the exact JSON {@code body} to send and the headers that go with it (content type,
 * event, delivery id, attempt, timestamp and, with a {@code webhook.secret}, the signature). The request's own
 * {@code webhook.headers} are added by the caller.
 */
public record WebhookMessage(String deliveryId, String event, String body, Map<String, String> headers) {
}
