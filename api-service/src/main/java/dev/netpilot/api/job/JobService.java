package dev.netpilot.api.job;

import dev.netpilot.api.auth.Caller;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.dispatch.JobDispatcher;
import dev.netpilot.api.error.JobNotFoundException;
import dev.netpilot.api.idempotency.Idempotency;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Accepting jobs and answering questions about them. */
@ApplicationScoped
public class JobService {

    private final JobStore store;
    private final JobEndedEvents events;
    private final JobDispatcher dispatcher;
    private final Idempotency idempotency;

    public JobService(JobStore store, JobEndedEvents events, JobDispatcher dispatcher, Idempotency idempotency) {
        this.store = store;
        this.events = events;
        this.dispatcher = dispatcher;
        this.idempotency = idempotency;
    }

    /**
     * Queues a validated request with NetPulse's defaults applied, once per {@code idempotencyKey} (may be null),
     * with the file uploaded for it (or null), and records the caller as its owner; the caller needs {@code exec}
     * for commands, {@code config} for config pushes and file transfers. Then waits (at most {@code wait}) for the
     * job to end: the answer holds the ended job, or the queued one when it did not end in time, as the JSON the API
     * answers with. A replay of an earlier request answers at once.
     */
    public Uni<Idempotency.Outcome<String>> submitAndWait(ExecutionRequest validated, Caller caller,
                                                          String idempotencyKey, JobDispatcher.Upload upload,
                                                          Duration wait) {
        String jobId = UUID.randomUUID().toString();
        if (wait.isZero()) {
            return queue(validated, caller, idempotencyKey, upload, jobId).map(JobService::asJson);
        }
        // Listening before queuing: the end of a job that runs at once cannot be missed, and needs no read.
        CompletableFuture<String> ended = events.register(jobId);
        return queue(validated, caller, idempotencyKey, upload, jobId)
                .chain(outcome -> outcome.replayed() || !outcome.answer().id().equals(jobId)
                        ? Uni.createFrom().item(asJson(outcome))
                        : awaitEnd(jobId, ended, wait).map(job -> new Idempotency.Outcome<>(job, false)))
                .eventually(() -> events.forget(jobId, ended));
    }

    private static Idempotency.Outcome<String> asJson(Idempotency.Outcome<Job> outcome) {
        return new Idempotency.Outcome<>(JobJson.write(outcome.answer()), outcome.replayed());
    }

    private Uni<Idempotency.Outcome<Job>> queue(ExecutionRequest validated, Caller caller, String idempotencyKey,
                                                JobDispatcher.Upload upload, String jobId) {
        caller.require(Scope.neededFor(validated), whatNeeds(validated) + " (POST /device/exec)");
        ExecutionRequest request = validated.withDefaults();
        return idempotency.once(caller, idempotencyKey, "POST /device/exec", request, request.ttl(), Job.class,
                () -> dispatcher.dispatch(request, null, caller.name(), jobId, upload));
    }

    /** What a request does, for messages about the scope it needs. */
    public static String whatNeeds(ExecutionRequest request) {
        if (request.fileTransfer() != null) {
            return "transferring files";
        }
        return request.config() != null ? "pushing configuration" : "running commands";
    }

    /**
     * The job now, or, with {@code wait} above zero, as soon as it ends (at most {@code wait} later): its record as
     * stored, which is the JSON the API answers with.
     */
    public Uni<String> get(String jobId, Duration wait) {
        if (wait.isZero()) {
            return find(jobId);
        }
        // Registered before the first read, so that an end between the read and the wait is not missed.
        CompletableFuture<String> ended = events.register(jobId);
        return find(jobId).chain(job -> isTerminal(job) ? Uni.createFrom().item(job) : awaitEnd(jobId, ended, wait))
                .eventually(() -> events.forget(jobId, ended));
    }

    private static boolean isTerminal(String job) {
        JobStatus status = JobJson.status(job);
        return status != null && status.isTerminal();
    }

    /** The ended job once announced (read again when the announcement had no record), or the job now after {@code wait}. */
    private Uni<String> awaitEnd(String jobId, CompletableFuture<String> ended, Duration wait) {
        return Uni.createFrom().completionStage(ended)
                .ifNoItem().after(wait).recoverWithItem((String) null)
                .chain(job -> job != null ? Uni.createFrom().item(job) : find(jobId));
    }

    private Uni<String> find(String jobId) {
        return store.findRaw(jobId).onItem().ifNull().failWith(() -> new JobNotFoundException(jobId));
    }
}
