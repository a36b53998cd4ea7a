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

    /** How long one stream read waits for new jobs before it is issued again. */
    @WithDefault("2s")
    Duration readBlock();

    /** Limit on a job's run time when the request gives no {@code execution_timeout}, in seconds. */
    @WithDefault("300")
    int defaultExecutionTimeout();

    /** How long a result is kept when the request gives no {@code result_ttl}, in seconds. */
    @WithDefault("300")
    int defaultResultTtl();

    /** How long a graceful shutdown waits for running jobs to finish. */
    @WithDefault("30s")
    Duration drainTimeout();
}
