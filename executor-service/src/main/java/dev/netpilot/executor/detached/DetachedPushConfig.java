package dev.netpilot.executor.detached;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Detached-task log push settings ({@code np.detached-push.*}, or environment variables such as {@code NP_DETACHED_PUSH_POLL_INTERVAL}). */
@ConfigMapping(prefix = "np.detached-push")
public interface DetachedPushConfig {

    /** How often this executor looks for pushes that are due (any live executor may take any of them). */
    @WithDefault("250ms")
    Duration pollInterval();

    /** The most due pushes one look takes. */
    @WithDefault("32")
    int claimBatch();

    /**
     * The most one push may take: waiting for a session slot of the device, logging in and reading the log. A push
     * that takes longer is given up (its session closed) and its output goes with the next one. A claimed push is
     * kept from other executors for this long plus half a minute.
     */
    @WithDefault("30s")
    Duration timeout();
}
