package dev.netpilot.executor.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook delivery settings ({@code np.webhook.*}, or environment variables such as {@code NP_WEBHOOK_POLL_INTERVAL}). */
@ConfigMapping(prefix = "np.webhook")
public interface WebhookConfig {

    /** How often this executor looks for retries that are due (any live executor may take any of them). */
    @WithDefault("1s")
    Duration pollInterval();

    /** The most due deliveries one look takes. */
    @WithDefault("64")
    int claimBatch();

    /**
     * How long, beyond the webhook's own timeout, an attempt keeps its delivery to itself. When the executor dies
     * in the middle, another one tries again after that.
     */
    @WithDefault("30s")
    Duration claimMargin();

    /**
     * The only hosts a webhook may call (exact names, case-insensitive); empty: any. The API refuses other hosts
     * with a 422; the executor checks again before each attempt, so that a job queued before the list changed
     * does not call a host taken off it.
     */
    Optional<List<String>> allowHosts();

    /** How many given-up deliveries {@code np:webhooks:failed} keeps (oldest dropped first). */
    @WithDefault("10000")
    int failedKept();
}
