package dev.netpilot.job;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook object: NetPulse's defaults and retry rule, our secret, and no secret in its string form. */
class WebhookRequestTest {

    @Test
    void netPulsesDefaults() {
        WebhookRequest webhook = JobJson.read("{\"url\":\"https://hooks.example.net/x\"}", WebhookRequest.class);
        assertEquals("basic", webhook.name());
        assertEquals("POST", webhook.method());
        assertEquals(5.0, webhook.timeout());
        assertEquals(3, webhook.maxRetries());
        assertEquals(List.of(10, 30, 120), webhook.retryIntervals());
    }

    @Test
    void theLastIntervalIsReusedWhenTheListIsShorter() {
        WebhookRequest webhook = new WebhookRequest(null, "http://h/x", "post", null, null, null, 1.0, 4,
                List.of(2, 7), null);
        assertEquals(List.of(2, 7, 7, 7), List.of(webhook.retryDelaySeconds(1), webhook.retryDelaySeconds(2),
                webhook.retryDelaySeconds(3), webhook.retryDelaySeconds(4)));
        assertEquals("POST", webhook.method());
        assertEquals(2 + 7 + 7 + 7 + 5, webhook.scheduleSeconds());
    }

    @Test
    void secretsTravelInJsonButNotInToString() {
        String json = "{\"url\":\"https://user:Pw-url-1@hooks.example.net:8443/x?token=Tk-q-2\",\"secret\":\"Sg-3\","
                + "\"auth\":[\"u\",\"Pw-4\"],\"headers\":{\"Authorization\":\"Bearer Tk-5\"}}";
        WebhookRequest webhook = JobJson.read(json, WebhookRequest.class);
        assertEquals(webhook, JobJson.read(JobJson.write(webhook), WebhookRequest.class));
        String text = webhook.toString();
        for (String secret : List.of("Pw-url-1", "Tk-q-2", "Sg-3", "Pw-4", "Tk-5")) {
            assertFalse(text.contains(secret), text);
        }
        assertEquals("https://hooks.example.net:8443", webhook.safeUrl());
    }

    @Test
    void badValuesSayWhatToFix() {
        UncheckedIOException noUrl = assertThrows(UncheckedIOException.class,
                () -> JobJson.read("{\"method\":\"POST\"}", WebhookRequest.class));
        assertTrue(noUrl.getMessage().contains("webhook.url is required"), noUrl.getMessage());
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> new WebhookRequest(null, "http://h", null, null, null, null, null, null, List.of(0), null));
        assertTrue(interval.getMessage().contains("retry_intervals"));
    }
}
