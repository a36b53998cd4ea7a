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
    /** Pub/sub channel on which the API asks an executor (message: its name) to drain and stop. */
    public static final String NODE_DRAIN_CHANNEL = "np:events:node-drain";
    /** Field of a stream entry that holds the job id. */
    public static final String STREAM_JOB_FIELD = "job";

    /** The wire name of the FIFO queue (NetPulse's {@code FifoQ}). */
    public static final String FIFO_QUEUE = "FifoQ";

    /** Set of the names of every executor node that registered (live or not yet reaped). */
    public static final String NODES = "np:nodes";
    /** Stream of lanes that need an owner, read by every executor in {@link #EXECUTOR_GROUP}. */
    public static final String ASSIGN_STREAM = "np:assign";
    /** Field of an {@link #ASSIGN_STREAM} or node wake entry that holds a lane id. */
    public static final String LANE_FIELD = "lane";
    /** Prefix of node keys; a node is alive while {@code np:node:<name>} exists. */
    public static final String NODE_PREFIX = "np:node:";
    /** Prefix of lane keys ({@code np:lane:<lane id>} is the lane's job stream). */
    public static final String LANE_PREFIX = "np:lane:";

    private RedisKeys() {
    }

    /** The node record ({@link NodeInfo} as JSON), expiring unless its node keeps beating. */
    public static String node(String nodeName) {
        return NODE_PREFIX + nodeName;
    }

    /** Set of the lanes a node owns. */
    public static String nodeLanes(String nodeName) {
        return NODE_PREFIX + nodeName + ":lanes";
    }

    /** Hash of the node's pinned sessions: lane id to session state ({@code open}, {@code closed}). */
    public static String nodeSessions(String nodeName) {
        return NODE_PREFIX + nodeName + ":sessions";
    }

    /** Stream of lane ids that a node should look at (new jobs, new lanes). */
    public static String nodeWake(String nodeName) {
        return NODE_PREFIX + nodeName + ":wake";
    }

    /** The job stream of one pinned device. */
    public static String lane(String laneId) {
        return LANE_PREFIX + laneId;
    }

    /** The name of the node that owns a lane. */
    public static String laneOwner(String laneId) {
        return LANE_PREFIX + laneId + ":owner";
    }

    /**
     * The lane of a pinned device: one per {@code username@host:port}, so that different logins to one device
     * never share a session, and the same login always does.
     */
    public static String laneId(String username, String host, int port) {
        return (username == null ? "" : username) + "@" + address(host, port);
    }

    /** The wire name of a lane's queue (NetPulse's {@code HostQ_<host>}, here per login). */
    public static String laneQueue(String laneId) {
        return "HostQ_" + laneId;
    }

    /** The name (never the value) of the API key that submitted the job; enforces "cancel others' jobs needs admin". */
    public static String jobOwner(String jobId) {
        return "np:job:" + jobId + ":owner";
    }

    /** A bulk request's batch: its job ids in device order and the devices that were not queued. */
    public static String batch(String batchId) {
        return "np:batch:" + batchId;
    }

    /**
     * A remembered {@code Idempotency-Key}: {@code digest} is the SHA-256 (hex) of the API key name and the
     * Idempotency-Key, so that neither is stored as given.
     */
    public static String idempotency(String digest) {
        return "np:idempotency:" + digest;
    }

    /**
     * The session slots of one device ({@code host:port}), across the cluster: a sorted set of slot tokens
     * scored by lease expiry (epoch ms). Logins of any user count, because they share the device's VTY lines.
     */
    public static String deviceSessions(String host, int port) {
        return "np:device:" + address(host, port) + ":sessions";
    }

    /**
     * The names of the plugins of one kind ({@code driver}, {@code credential}) that executors have, a set each
     * executor adds its names to when it starts. The API checks request names against it without loading any
     * executor code; a name whose plugin was removed stays until the set is deleted (the executor then refuses
     * the job with the names it has).
     */
    public static String pluginNames(String kind) {
        return "np:plugins:" + kind;
    }

    /** Prefix of the template store: {@code np:template:<kind>:<name>} holds a template's text. */
    public static final String TEMPLATE_PREFIX = "np:template:";

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

    /** {@code host:port}, with an IPv6 host in brackets. */
    private static String address(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
