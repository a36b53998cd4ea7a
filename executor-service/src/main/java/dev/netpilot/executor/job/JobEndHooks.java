package dev.netpilot.executor.job;

import dev.netpilot.executor.audit.AuditTrail;
import dev.netpilot.executor.webhook.Delivery;
import dev.netpilot.executor.webhook.JobWebhooks;
import dev.netpilot.executor.webhook.WebhookDeliveries;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * What is written together with a job's end (its audit entry and its webhook delivery, in the same MULTI, so that a
 * recorded end always has both) and what follows once it is written (the webhook's first attempt, in the
 * background: the job's completion never waits for a receiver).
 */
@ApplicationScoped
public class JobEndHooks {

    /** The writes for the end's MULTI and the webhook delivery to attempt after them (or null). */
    public record Writes(List<Request> requests, Delivery webhook) {
    }

    private final AuditTrail audit;
    private final WebhookDeliveries webhooks;

    public JobEndHooks(AuditTrail audit, WebhookDeliveries webhooks) {
        this.audit = audit;
        this.webhooks = webhooks;
    }

    /** {@code request} is null when the stored request could not be read (then there is no webhook to call). */
    public Writes writesFor(Job ended, ExecutionRequest request, String apiKey) {
        List<Request> requests = new ArrayList<>(audit.entryFor(ended, request, apiKey));
        Delivery webhook = null;
        if (request != null && request.webhook() != null) {
            webhook = webhooks.prepare(request.webhook(), JobWebhooks.eventType(ended.status()), ended.id(),
                    JobWebhooks.payload(ended, request));
            requests.addAll(webhooks.schedule(webhook));
        }
        return new Writes(requests, webhook);
    }

    /** Called once the end and {@link #writesFor} are in Redis. */
    public void written(Writes writes) {
        if (writes.webhook() != null) {
            webhooks.attempt(writes.webhook());
        }
    }
}
