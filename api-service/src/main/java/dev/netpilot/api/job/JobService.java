package dev.netpilot.api.job;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.auth.Caller;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.dispatch.JobDispatcher;
import dev.netpilot.api.error.JobNotFoundException;
import dev.netpilot.api.idempotency.Idempotency;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Accepting jobs and answering questions about them. */
@ApplicationScoped
public class JobService {

    private final JobStore store;
    private final JobEndedEvents events;
    private final JobDispatcher dispatcher;
    private final JobOwners owners;
    private final Idempotency idempotency;
    private final ApiConfig config;

    public JobService(JobStore store, JobEndedEvents events, JobDispatcher dispatcher, JobOwners owners,
                      Idempotency idempotency, ApiConfig config) {
        this.store = store;
        this.events = events;
        this.dispatcher = dispatcher;
        this.owners = owners;
        this.idempotency = idempotency;
        this.config = config;
    }

    /**
     * Queues a validated request with NetPulse's defaults applied, once per {@code idempotencyKey} (may be null),
     * and records the caller as its owner. The caller needs {@code exec} for commands, {@code config} for config
     * pushes and file transfers.
     */
    public Uni<Idempotency.Outcome<Job>> submit(ExecutionRequest validated, Caller caller, String idempotencyKey) {
        caller.require(Scope.neededFor(validated), whatNeeds(validated) + " (POST /device/exec)");
        ExecutionRequest request = validated.withDefaults();
        return idempotency.once(caller, idempotencyKey, "POST /device/exec", request, request.ttl(), Job.class,
                () -> dispatcher.dispatch(request).call(job -> owners.record(caller.name(),
                        List.of(new JobOwners.Owned(job.id(), JobLifetime.seconds(request, config.defaultResultTtl()))))));
    }

    /** What a request does, for messages about the scope it needs. */
    public static String whatNeeds(ExecutionRequest request) {
        if (request.fileTransfer() != null) {
            return "transferring files";
        }
        return request.config() != null ? "pushing configuration" : "running commands";
    }

    /** The job now, or, with {@code wait} above zero, as soon as it ends (at most {@code wait} later). */
    public Uni<Job> get(String jobId, Duration wait) {
        return find(jobId).chain(job -> {
            if (wait.isZero() || job.status().isTerminal()) {
                return Uni.createFrom().item(job);
            }
            CompletableFuture<Void> ended = events.register(jobId);
            // Read again after registering: the job may have ended between the first read and the registration.
            return find(jobId).chain(again -> again.status().isTerminal()
                            ? Uni.createFrom().item(again)
                            : Uni.createFrom().completionStage(ended)
                                    .ifNoItem().after(wait).recoverWithItem((Void) null)
                                    .chain(() -> find(jobId)))
                    .eventually(() -> events.forget(jobId, ended));
        });
    }

    private Uni<Job> find(String jobId) {
        return store.find(jobId).onItem().ifNull().failWith(() -> new JobNotFoundException(jobId));
    }
}
