package dev.netpilot.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the API service ({@code np.api.*}, or environment variables such as {@code NP_API_KEY}). */
@ConfigMapping(prefix = "np.api")
public interface ApiConfig {

    /**
     * The NetPulse-style single API key: a key named {@code default} with every scope. Optional when named
     * {@link #keys()} exist; the service refuses to start when neither is configured.
     */
    Optional<String> key();

    /** Named API keys with their scopes: {@code np.api.keys."<name>".key} and {@code np.api.keys."<name>".scopes}. */
    Map<String, NamedKey> keys();

    /** Header, query parameter and cookie name that carry the key. */
    @WithDefault("X-API-KEY")
    String keyName();

    /** The longest {@code wait} a client may ask of {@code GET /jobs/{id}}, in seconds. */
    @WithDefault("300")
    int maxWaitSeconds();

    /** How long a connection test ({@code POST /device/test}) may take when the request gives no {@code timeout}, in seconds. */
    @WithDefault("30")
    int deviceTestTimeout();

    /** How long a result is kept when the request gives no {@code result_ttl}, in seconds. */
    @WithDefault("300")
    int defaultResultTtl();

    /** The most index entries one {@code GET /jobs} request examines before it answers with a cursor. */
    @WithDefault("5000")
    int listScanLimit();

    /**
     * How often the driver and credential provider names that executors announce are read from Redis; a plugin
     * added to the executors is accepted by the API at most this long after they start.
     */
    @WithDefault("5s")
    java.time.Duration pluginNamesRefresh();

    /**
     * How often the cluster's numbers ({@code GET /system/stats}) are read from Redis for the {@code netpilot_*}
     * metrics at {@code /q/metrics}.
     */
    @WithDefault("10s")
    java.time.Duration statsMetricsInterval();

    /** One named API key. */
    interface NamedKey {

        /** The secret value clients present. */
        String key();

        /** What the key may do: {@code read}, {@code exec}, {@code config}, {@code admin} (admin implies all). */
        List<String> scopes();
    }
}
