package dev.netpilot.api.job;

import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobStatus;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The filters of {@code GET /jobs}; every given filter must match (NetPulse instead picks one of queue, node and
 * host). {@code node} matches the executor that ran the job: its worker name, or the host part of a worker named
 * {@code <node>-<pid>}; jobs that have not started have no worker and never match it.
 */
public record JobFilter(JobStatus status, String queue, String host, String node, String batchId) {

    private static final String HOST_QUEUE_PREFIX = "HostQ_";

    /** Parses the query values; an unknown status is a 422 that lists the valid ones. */
    public static JobFilter of(String status, String queue, String host, String node, String batchId) {
        return new JobFilter(status == null || status.isBlank() ? null : status(status), blankToNull(queue),
                blankToNull(host), blankToNull(node), blankToNull(batchId));
    }

    public boolean isEmpty() {
        return status == null && queue == null && host == null && node == null && batchId == null;
    }

    public boolean matches(Job job) {
        return (status == null || job.status() == status)
                && (queue == null || queue.equals(job.queue()) || isHostQueueOf(job))
                && (host == null || host.equals(job.deviceName()))
                && (batchId == null || batchId.equals(job.batchId()))
                && (node == null || job.worker() != null
                    && (job.worker().equals(node) || job.worker().startsWith(node + "-")));
    }

    /**
     * NetPulse names a device's queue {@code HostQ_<host>}; pinned lanes here are per login
     * ({@code HostQ_<user>@<host>:<port>}), so {@code queue=HostQ_<host>} matches every lane of that host.
     */
    private boolean isHostQueueOf(Job job) {
        return job.deviceName() != null && job.queue() != null && job.queue().startsWith(HOST_QUEUE_PREFIX)
                && queue.equals(HOST_QUEUE_PREFIX + job.deviceName());
    }

    private static JobStatus status(String value) {
        if (value.equals("canceled")) {
            return JobStatus.CANCELLED; // NetPulse's (RQ's) spelling
        }
        try {
            return JobStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.ofQuery("status", "unknown status '" + value + "'; use one of "
                    + Arrays.stream(JobStatus.values()).map(JobStatus::wire).collect(Collectors.joining(", ")));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
