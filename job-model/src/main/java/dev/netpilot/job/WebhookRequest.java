package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code webhook} object of a request (NetPulse's {@code WebHook}): where and how to tell a receiver that a job
 * ended. NetPulse's fields and defaults, plus {@code secret}, the key of the {@code X-NetPilot-Signature} HMAC.
 * The constructor applies the defaults and rejects bad values with a message that says what to fix. It travels
 * with the request's credentials (never in the job record); {@link #toString()} shows no secret.
 *
 * @param auth {@code [user, password]} for HTTP Basic authentication
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookRequest(
        String name,
        String url,
        String method,
        Map<String, String> headers,
        Map<String, String> cookies,
        List<String> auth,
        Double timeout,
        @JsonProperty("max_retries") Integer maxRetries,
        @JsonProperty("retry_intervals") List<Integer> retryIntervals,
        String secret) {

    public static final String DEFAULT_NAME = "basic";
    public static final double DEFAULT_TIMEOUT = 5.0;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final List<Integer> DEFAULT_RETRY_INTERVALS = List.of(10, 30, 120);
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    public WebhookRequest {
        name = name == null || name.isBlank() ? DEFAULT_NAME : name;
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("webhook.url is required: the http:// or https:// address to call");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook.url is not a valid URL; give an absolute http:// or "
                    + "https:// address");
        }
        if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("webhook.url must be an absolute http:// or https:// URL with a host");
        }
        method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("webhook.method must be one of GET, POST, PUT, DELETE, PATCH");
        }
        headers = headers == null ? null : Map.copyOf(headers);
        cookies = cookies == null ? null : Map.copyOf(cookies);
        if (auth != null && (auth.size() != 2 || auth.get(0) == null || auth.get(1) == null)) {
            throw new IllegalArgumentException("webhook.auth must be [user, password] for HTTP Basic authentication");
        }
        auth = auth == null ? null : List.copyOf(auth);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (!(timeout >= 0.5 && timeout <= 120)) {
            throw new IllegalArgumentException("webhook.timeout must be from 0.5 to 120 seconds");
        }
        maxRetries = maxRetries == null ? DEFAULT_MAX_RETRIES : maxRetries;
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("webhook.max_retries must be from 0 to 10 (0 disables retries)");
        }
        retryIntervals = retryIntervals == null ? DEFAULT_RETRY_INTERVALS : List.copyOf(retryIntervals);
        if (retryIntervals.stream().anyMatch(seconds -> seconds == null || seconds < 1 || seconds > 86400)) {
            throw new IllegalArgumentException("webhook.retry_intervals must hold seconds from 1 to 86400");
        }
        if (secret != null && secret.isEmpty()) {
            throw new IllegalArgumentException("webhook.secret must not be empty; leave it out to send unsigned "
                    + "webhooks");
        }
    }

    /**
     * Seconds to wait before retry number {@code retry} (1 for the first): NetPulse's rule, the interval at that
     * position or the last one when the list is shorter; 10 s when the list is empty.
     */
    public int retryDelaySeconds(int retry) {
        if (retryIntervals.isEmpty()) {
            return 10;
        }
        return retryIntervals.get(Math.min(retry, retryIntervals.size()) - 1);
    }

    /** The longest a delivery can take from the first attempt to the last, in seconds. */
    @JsonIgnore
    public long scheduleSeconds() {
        long total = 0;
        for (int retry = 1; retry <= maxRetries; retry++) {
            total += retryDelaySeconds(retry) + (long) Math.ceil(timeout);
        }
        return total + (long) Math.ceil(timeout);
    }

    /**
     * Whether this webhook may be called under an allow-list of host names ({@code np.webhook.allow-hosts}): always
     * when the list is empty, else when it names the URL's host (case-insensitive). Why not, when it is not.
     */
    @JsonIgnore
    public String hostRefusal(List<String> allowedHosts) {
        String host = URI.create(url).getHost();
        if (allowedHosts.isEmpty() || allowedHosts.stream().anyMatch(allowed -> allowed.strip().equalsIgnoreCase(host))) {
            return null;
        }
        return "webhooks may call only the hosts in np.webhook.allow-hosts (" + String.join(", ", allowedHosts)
                + "); '" + host + "' is not one of them";
    }

    /** The URL without credentials, path or query, fit for logs: {@code https://hooks.example.net:8443}. */
    @JsonIgnore
    public String safeUrl() {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    @Override
    public String toString() {
        return "WebhookRequest[name=" + name + ", method=" + method + ", url=" + safeUrl() + "]";
    }
}
