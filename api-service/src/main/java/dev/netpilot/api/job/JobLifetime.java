package dev.netpilot.api.job;

import dev.netpilot.job.ExecutionRequest;

/** How long a job can live at most: waiting in its queue, running, then keeping its result. */
public final class JobLifetime {

    /** Run-time bound used when the request gives no {@code execution_timeout} (NetPulse's longest default). */
    static final int UNSET_EXECUTION_TIMEOUT = 3600;

    private JobLifetime() {
    }

    /** The upper bound in seconds for a request with its defaults applied. */
    public static long seconds(ExecutionRequest request, int defaultResultTtl) {
        int ttl = request.ttl() == null ? ExecutionRequest.DEFAULT_TTL : request.ttl();
        int run = request.executionTimeout() == null ? UNSET_EXECUTION_TIMEOUT : request.executionTimeout();
        int keep = request.resultTtl() == null ? defaultResultTtl : request.resultTtl();
        return (long) ttl + run + keep;
    }
}
