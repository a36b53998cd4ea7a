package dev.netpilot.api.job;

import dev.netpilot.api.dispatch.JobDispatcher;
import dev.netpilot.api.error.JobNotFoundException;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Accepting jobs and answering questions about them. */
@ApplicationScoped
public class JobService {

    private final JobStore store;
    private final JobEndedEvents events;
    private final JobDispatcher dispatcher;

    public JobService(JobStore store, JobEndedEvents events, JobDispatcher dispatcher) {
        this.store = store;
        this.events = events;
        this.dispatcher = dispatcher;
    }

    /** Queues a validated request with NetPulse's defaults applied. */
    public Uni<Job> submit(ExecutionRequest validated) {
        return dispatcher.dispatch(validated.withDefaults());
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
