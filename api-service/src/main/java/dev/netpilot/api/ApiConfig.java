package dev.netpilot.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the API service ({@code np.api.*}, or environment variables such as {@code NP_API_KEY}). */
@ConfigMapping(prefix = "np.api")
public interface ApiConfig {

    /** The API key clients must present. Required: the service refuses to start without one. */
    String key();

    /** Header, query parameter and cookie name that carry the key. */
    @WithDefault("X-API-KEY")
    String keyName();

    /** The longest {@code wait} a client may ask of {@code GET /jobs/{id}}, in seconds. */
    @WithDefault("300")
    int maxWaitSeconds();

    /** How long a result is kept when the request gives no {@code result_ttl}, in seconds. */
    @WithDefault("300")
    int defaultResultTtl();
}
