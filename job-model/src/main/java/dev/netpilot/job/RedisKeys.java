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
    /**
     * Pub/sub channel on which every job that ended is announced: the job id, a newline, and the ended job record
     * as JSON (see {@link JobJson#endedEvent}), so that waiters need not read it again.
     */
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

    /**
     * The audit trail: a stream of {@link AuditEntry} JSON (field {@link #AUDIT_ENTRY_FIELD}), one entry per ended
     * job, trimmed by count on every write and by age periodically.
     */
    public static final String AUDIT_STREAM = "np:audit";
    /** Field of an {@link #AUDIT_STREAM} entry that holds the entry as JSON. */
    public static final String AUDIT_ENTRY_FIELD = "entry";
    /**
     * Sorted set of webhook delivery ids scored by when they are next due (epoch ms). A delivery being attempted is
     * scored at the end of its claim, so that it becomes due again if its executor dies.
     */
    public static final String WEBHOOKS_DUE = "np:webhooks:due";
    /** Stream of webhook deliveries that gave up after their last retry: no secrets, kept by count. */
    public static final String WEBHOOKS_FAILED = "np:webhooks:failed";
    /**
     * Stream of connection tests ({@code POST /device/test}), read by every executor through {@link #EXECUTOR_GROUP};
     * an entry holds only the test id ({@link #STREAM_TEST_FIELD}).
     */
    public static final String DEVICE_TEST_STREAM = "np:stream:device-test";
    /** Field of a {@link #DEVICE_TEST_STREAM} entry that holds the test id. */
    public static final String STREAM_TEST_FIELD = "test";
    /** Pub/sub channel on which executors announce the id of every connection test they answered. */
    public static final String DEVICE_TEST_DONE_CHANNEL = "np:events:device-test-done";

    /**
     * Hash of job totals since the counters began: {@code total} (accepted), {@code finished}, {@code failed},
     * {@code cancelled}, {@code expired} (left the queue unrun at their ttl). Updated in the scripts and
     * transactions that change a job's status.
     */
    public static final String STATS_JOBS = "np:stats:jobs";
    /** Sorted set of the queued job ids, scored by the end of their queue ttl (epoch ms). */
    public static final String STATS_QUEUED = "np:stats:queued";
    /** Sorted set of the running job ids, scored by when they must have ended (start + execution timeout, ms). */
    public static final String STATS_RUNNING = "np:stats:running";
    /**
     * Hash of self-healing events: {@code probe_failures} (a kept session failed its deep probe and was dropped),
     * {@code node_failovers} (a dead executor's devices were handed to live ones).
     */
    public static final String STATS_SELF_HEALING = "np:stats:self-healing";

    private RedisKeys() {
    }

    /** A connection test's request (with credentials): expires with the test, taken (GETDEL) by the executor. */
    public static String deviceTestRequest(String testId) {
        return "np:device-test:" + testId + ":request";
    }

    /** A connection test's outcome as the executor wrote it, kept a short while for the API to read. */
    public static String deviceTestResult(String testId) {
        return "np:device-test:" + testId + ":result";
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
        return JOB_PREFIX + jobId + OWNER_SUFFIX;
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
     * Hash of the SSH host keys seen per device, shared by every executor: field {@code host:port} (an IPv6 host in
     * brackets), value the key as an OpenSSH public-key line ({@code ecdsa-sha2-nistp256 AAAA...}).
     */
    public static final String KNOWN_HOSTS = "np:known-hosts";

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

    /** Prefix of the job records, for scripts that build job keys: {@code np:job:<id>}. */
    public static final String JOB_PREFIX = "np:job:";
    /** Suffix of a job's request key, after {@link #job}. */
    public static final String REQUEST_SUFFIX = ":request";
    /** Suffix of the key naming the API key that submitted a job, after {@link #job}. */
    public static final String OWNER_SUFFIX = ":owner";

    /** The job record ({@link Job} as JSON): secret-free, readable by the API. */
    public static String job(String jobId) {
        return JOB_PREFIX + jobId;
    }

    /**
     * The execution request with the credentials the executor needs. Never returned by the API; it expires with
     * the job's queue TTL and is deleted when the job ends.
     */
    public static String jobRequest(String jobId) {
        return JOB_PREFIX + jobId + REQUEST_SUFFIX;
    }

    /**
     * The file uploaded with a job (multipart {@code file}): a hash with fields {@link #UPLOAD_NAME} (the client's
     * file name) and {@link #UPLOAD_DATA} (the bytes). Written by the API with the job, keyed by the job id so that
     * no client can name another file; it expires with the queue TTL and the executor deletes it after the job.
     */
    public static String jobUpload(String jobId) {
        return "np:job:" + jobId + ":upload";
    }

    /** Field of {@link #jobUpload} holding the uploaded file's name. */
    public static final String UPLOAD_NAME = "name";
    /** Field of {@link #jobUpload} holding the uploaded file's bytes. */
    public static final String UPLOAD_DATA = "data";

    /**
     * The files a download job fetched: a hash from file name (relative path, {@code /}-separated) to bytes,
     * written by the executor, served by {@code GET /jobs/{id}/files/{name}}; it expires with the job's result.
     */
    public static String jobFiles(String jobId) {
        return "np:job:" + jobId + ":files";
    }

    /**
     * Sorted set of the ids of the detached tasks the API tracks, scored by creation time (epoch ms). Ids whose
     * record expired are pruned by whoever reads them.
     */
    public static final String DETACHED_TASKS = "np:detached";

    /** A detached task's record (secret-free JSON, as {@code GET /detached-tasks} shows it). */
    public static String detachedTask(String taskId) {
        return "np:detached:" + taskId;
    }

    /**
     * What managing a detached task needs and the API never returns: the connection arguments with credentials, the
     * sudo arguments, the queue strategy and the webhook of the launch. Lives as long as the task's record.
     */
    public static String detachedTaskLogin(String taskId) {
        return "np:detached:" + taskId + ":login";
    }

    /**
     * Sorted set of the detached tasks whose log is pushed to their webhook, scored by when the next push is due
     * (epoch ms). A push in progress is scored at the end of its claim, so that it becomes due again if its executor
     * dies.
     */
    public static final String DETACHED_PUSHES_DUE = "np:detached-pushes:due";

    /**
     * A detached task's push cursor ({@code interval}, {@code offset}, {@code sequence} as JSON): where the next log
     * push starts, kept apart from the {@code last_offset} that queries advance. Lives as long as the pushes.
     */
    public static String detachedTaskPush(String taskId) {
        return "np:detached:" + taskId + ":push";
    }

    /**
     * A pending webhook delivery: the webhook (with its secrets, which never leave Redis and the executor), the
     * payload and the attempts so far. It expires when its last retry is long past.
     */
    public static String webhookDelivery(String deliveryId) {
        return "np:webhook:" + deliveryId;
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    private static String address(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
