package dev.netpilot.api.batch;

import dev.netpilot.job.RedisKeys;
import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.auth.Caller;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.dispatch.JobDispatcher;
import dev.netpilot.api.error.NotFoundException;
import dev.netpilot.api.idempotency.Idempotency;
import dev.netpilot.api.job.JobLifetime;
import dev.netpilot.api.job.JobService;
import dev.netpilot.api.job.JobStore;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobStatus;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk requests: one job per device, all carrying one {@code batch_id}, and their progress. A device whose job
 * cannot be queued is listed in {@code failed} with the reason while the others are queued. After dispatch the
 * batch is recorded in {@code np:batch:<id>} (job ids in device order), which {@code GET /batches/{id}} reads.
 */
@ApplicationScoped
public class BatchService {

    /** Devices dispatched at once: enough to overlap round trips, few enough not to flood the Redis pool. */
    private static final int DISPATCH_CONCURRENCY = 4;

    private final JobDispatcher dispatcher;
    private final JobStore store;
    private final Idempotency idempotency;
    private final Redis redis;
    private final ApiConfig config;

    public BatchService(JobDispatcher dispatcher, JobStore store, Idempotency idempotency,
                        Redis redis, ApiConfig config) {
        this.dispatcher = dispatcher;
        this.store = store;
        this.idempotency = idempotency;
        this.redis = redis;
        this.config = config;
    }

    /** Queues every device's job, once per {@code idempotencyKey} (may be null). */
    public Uni<Idempotency.Outcome<BulkResponse>> submit(BulkRequestReader.Bulk bulk, Caller caller,
                                                         String idempotencyKey) {
        for (ExecutionRequest request : bulk.requests()) {
            caller.require(Scope.neededFor(request), JobService.whatNeeds(request) + " (POST /device/bulk)");
        }
        List<ExecutionRequest> requests = bulk.requests().stream().map(ExecutionRequest::withDefaults).toList();
        return idempotency.once(caller, idempotencyKey, "POST /device/bulk", bulk.body(), bulk.ttl(),
                BulkResponse.class, () -> dispatchAll(requests, caller));
    }

    private Uni<BulkResponse> dispatchAll(List<ExecutionRequest> requests, Caller caller) {
        String batchId = UUID.randomUUID().toString();
        Instant created = Instant.now();
        if (requests.isEmpty()) {
            return record(new BatchRecord(batchId, created, List.of(), List.of()), config.defaultResultTtl())
                    .replaceWith(new BulkResponse(batchId, List.of(), List.of()));
        }
        return Multi.createFrom().range(0, requests.size())
                .onItem().transformToUni(i -> dispatcher.dispatch(requests.get(i), batchId, caller.name())
                        .map(job -> new Slot(i, job, null))
                        .onFailure().recoverWithItem(failure -> new Slot(i, null, new BulkResponse.Failure(
                                requests.get(i).host(), "Could not queue the job: " + failure.getMessage()))))
                .merge(DISPATCH_CONCURRENCY)
                .collect().asList()
                .chain(collected -> {
                    List<Slot> slots = new ArrayList<>(collected);
                    slots.sort(Comparator.comparingInt(Slot::index));
                    List<Job> succeeded = new ArrayList<>();
                    List<BulkResponse.Failure> failed = new ArrayList<>();
                    long longest = 1;
                    for (Slot slot : slots) {
                        long lifetime = JobLifetime.seconds(requests.get(slot.index()), config.defaultResultTtl());
                        longest = Math.max(longest, lifetime);
                        if (slot.job() != null) {
                            succeeded.add(slot.job());
                        } else {
                            failed.add(slot.failure());
                        }
                    }
                    BatchRecord batch = new BatchRecord(batchId, created,
                            succeeded.stream().map(Job::id).toList(), failed);
                    long recordLifetime = longest;
                    return record(batch, recordLifetime).replaceWith(new BulkResponse(batchId, succeeded, failed));
                });
    }

    private Uni<Void> record(BatchRecord batch, long lifetimeSeconds) {
        return redis.send(Request.cmd(Command.SET).arg(RedisKeys.batch(batch.batchId())).arg(JobJson.write(batch))
                        .arg("EX").arg(String.valueOf(lifetimeSeconds)))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Could not record batch %s (its jobs are queued): %s", batch.batchId(),
                            failure.getMessage());
                    return null;
                });
    }

    /** Counts by status of a batch's jobs; 404 when the batch is unknown or expired with its jobs. */
    public Uni<BatchProgress> progress(String batchId) {
        return redis.send(Request.cmd(Command.GET).arg(RedisKeys.batch(batchId))).chain(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(new NotFoundException("Batch " + batchId + " not found: it never "
                        + "existed, or it expired with its jobs"));
            }
            BatchRecord batch = JobJson.read(stored.toString(), BatchRecord.class);
            return store.findAllRaw(batch.jobs()).map(records -> {
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (JobStatus status : JobStatus.values()) {
                    counts.put(status.wire(), 0);
                }
                counts.put("expired", 0);
                for (String record : records) {
                    String status = record == null ? "expired" : JobJson.read(record, Job.class).status().wire();
                    counts.merge(status, 1, Integer::sum);
                }
                boolean done = counts.get(JobStatus.QUEUED.wire()) == 0 && counts.get(JobStatus.STARTED.wire()) == 0;
                return new BatchProgress(batch.batchId(), batch.createdAt(), batch.jobs().size(), counts, done,
                        batch.jobs(), batch.failed());
            });
        });
    }

    private record Slot(int index, Job job, BulkResponse.Failure failure) {
    }
}
