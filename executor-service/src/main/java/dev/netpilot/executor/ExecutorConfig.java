package dev.netpilot.executor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of an executor ({@code np.executor.*}, or environment variables such as {@code NP_EXECUTOR_NAME}). */
@ConfigMapping(prefix = "np.executor")
public interface ExecutorConfig {

    /** The worker name shown in jobs; defaults to {@code <hostname>-<pid>}, unique per process. */
    Optional<String> name();

    /** How many FIFO jobs this executor runs at once. */
    @WithDefault("32")
    int fifoConcurrency();

    /** How many connection tests ({@code POST /device/test}) this executor runs at once. */
    @WithDefault("16")
    int deviceTestConcurrency();

    /** How long one stream read waits for new jobs before it is issued again. */
    @WithDefault("2s")
    Duration readBlock();

    /** Limit on a job's run time when the request gives no {@code execution_timeout}, in seconds. */
    @WithDefault("300")
    int defaultExecutionTimeout();

    /** How long a result is kept when the request gives no {@code result_ttl}, in seconds. */
    @WithDefault("300")
    int defaultResultTtl();

    /**
     * After a failover, whether a job that was running on the dead executor runs again (at least once, marked
     * {@code rerun} in its entries) or fails with an {@code Interrupted} error (the default: a config push that
     * partly ran is not pushed twice).
     */
    @WithDefault("false")
    boolean rerunInterruptedJobs();

    /** How many pinned devices (lanes) this executor may own. */
    @WithDefault("10000")
    int capacity();

    /** How a node for a new pinned device is chosen: greedy, least_load, least_load_random, load_weighted_random. */
    @WithDefault("least_load")
    String scheduler();

    /** How often this executor announces itself in Redis. */
    @WithDefault("2s")
    Duration heartbeatInterval();

    /** How long without a heartbeat before an executor counts as dead and its devices move to live ones. */
    @WithDefault("10s")
    Duration deadAfter();

    /** A pinned session unused this long is logged out and its device released. */
    @WithDefault("5m")
    Duration sessionIdleTimeout();

    /** How often an idle pinned session is checked with a harmless command (deep probe). */
    @WithDefault("60s")
    Duration probeInterval();

    /**
     * Most sessions one device may have open across the whole cluster (FIFO logins and kept pinned sessions),
     * unless the request's {@code connection_args.session_limit} says otherwise. Devices have few VTY lines.
     */
    @WithDefault("8")
    int deviceSessionLimit();

    /** How long a job waits for a session slot of its device before it fails saying the limit is reached. */
    @WithDefault("60s")
    Duration sessionSlotWait();

    /** How long a graceful shutdown waits for running jobs to finish. */
    @WithDefault("30s")
    Duration drainTimeout();
}
