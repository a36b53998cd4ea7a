package dev.netpilot.job;

/**
 * Every Redis key, stream, group and channel name in one place. All keys share the {@code np:} prefix so
 * that one Redis can be shared with other applications.
 */
public final class RedisKeys {

    /** The stream of FIFO jobs, read by every executor through {@link #EXECUTOR_GROUP}. */
    public static final String FIFO_STREAM = "np:stream:fifo";
    /** The consumer group of executors on a job stream. */
    public static final String EXECUTOR_GROUP = "executors";
    /** Pub/sub channel on which executors announce the id of every job that ended. */
    public static final String JOB_ENDED_CHANNEL = "np:events:job-ended";
    /**
     * Pub/sub channel on which the API asks executors to stop a running job (message: the job id). The executor
     * running it stops the command, frees the session and records the job as {@code cancelled}.
     */
    public static final String JOB_CANCEL_CHANNEL = "np:events:job-cancel";
    /**
     * Sorted set of every job id by creation time (score: epoch milliseconds), written with the job. Ids whose
     * job expired are pruned by whoever reads them.
     */
    public static final String JOB_INDEX = "np:jobs";
    /** Field of a stream entry that holds the job id. */
    public static final String STREAM_JOB_FIELD = "job";

    /** The wire name of the FIFO queue (NetPulse's {@code FifoQ}). */
    public static final String FIFO_QUEUE = "FifoQ";

    private RedisKeys() {
    }

    /** The job record ({@link Job} as JSON): secret-free, readable by the API. */
    public static String job(String jobId) {
        return "np:job:" + jobId;
    }

    /**
     * The execution request with the credentials the executor needs. Never returned by the API; it expires with
     * the job's queue TTL and is deleted when the job ends.
     */
    public static String jobRequest(String jobId) {
        return "np:job:" + jobId + ":request";
    }
}
