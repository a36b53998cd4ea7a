package dev.netpilot.executor.job;

import dev.netpilot.executor.audit.AuditTrail;
import dev.netpilot.executor.detached.DetachedPushes;
import dev.netpilot.executor.webhook.Delivery;
import dev.netpilot.executor.webhook.JobWebhooks;
import dev.netpilot.executor.webhook.WebhookDeliveries;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * What is written together with a job's end (its audit entry, its webhook delivery and, for a detached launch, the
 * start of its log pushes, in the same MULTI, so that a recorded end always has them) and what follows once it is written (the webhook's first attempt, in the
 * background: the job's completion never waits for a receiver).
 */
@ApplicationScoped
public class JobEndHooks {

    /** The writes for the end's MULTI and the webhook delivery to attempt after them (or null). */
    record Writes(List<Request> requests, Delivery webhook) {
    }

    private final JobRecords records;
    private final AuditTrail audit;
    private final WebhookDeliveries webhooks;
    private final JobMetrics metrics;

    public JobEndHooks(JobRecords records, AuditTrail audit, WebhookDeliveries webhooks, JobMetrics metrics) {
        this.records = records;
        this.audit = audit;
        this.webhooks = webhooks;
        this.metrics = metrics;
    }

    /**
     * Counts the end of a job in this executor's metrics and records it ({@link JobRecords#ended}) with its audit
     * entry and webhook delivery, then makes the webhook's first attempt. {@code request} is null when the stored
     * request could not be read (then there is no webhook to call); {@code submittedBy} is the submitting API key's
     * name, or null.
     */
    public Uni<Void> record(Job ended, ExecutionRequest request, String submittedBy, int resultTtl, String stream,
                            String entryId) {
        Writes writes = writesFor(ended, request, submittedBy);
        metrics.ended(request == null ? null : request.driver().wire(), !RedisKeys.FIFO_STREAM.equals(stream),
                ended.status(), ended.duration());
        return records.ended(ended, resultTtl, stream, entryId, writes.requests()).invoke(() -> written(writes));
    }

    /** The stored request of a job, or null when it cannot be read. */
    public static ExecutionRequest readRequest(String json) {
        try {
            return JobJson.read(json, ExecutionRequest.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    Writes writesFor(Job ended, ExecutionRequest request, String apiKey) {
        List<Request> requests = new ArrayList<>(audit.entryFor(ended, request, apiKey));
        requests.addAll(DetachedPushes.scheduleFor(ended, request));
        Delivery webhook = null;
        if (request != null && request.webhook() != null) {
            webhook = webhooks.prepare(request.webhook(), JobWebhooks.eventType(ended.status()), ended.id(),
                    JobWebhooks.payload(ended, request));
            requests.addAll(webhooks.schedule(webhook));
        }
        return new Writes(requests, webhook);
    }

    private void written(Writes writes) {
        if (writes.webhook() != null) {
            webhooks.attempt(writes.webhook());
        }
    }
}
