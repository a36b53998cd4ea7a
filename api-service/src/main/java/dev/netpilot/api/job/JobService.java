package dev.netpilot.api.job;

import dev.netpilot.api.error.JobNotFoundException;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Accepting jobs and answering questions about them. */
@ApplicationScoped
public class JobService {

    private final JobStore store;
    private final JobEndedEvents events;

    public JobService(JobStore store, JobEndedEvents events) {
        this.store = store;
        this.events = events;
    }

    /**
     * Queues a validated request. Every job goes to the shared FIFO stream for now; pinned lanes (one owner and
     * one kept session per device) are the next step and will route {@code pinned} jobs to their device's stream.
     */
    public Uni<Job> submit(ExecutionRequest validated) {
        ExecutionRequest request = validated.withDefaults();
        Job job = Job.queued(UUID.randomUUID().toString(), Instant.now(), RedisKeys.FIFO_QUEUE, request.host(),
                request.payload() == null ? null : request.payload().lines());
        return store.enqueue(job, request, RedisKeys.FIFO_STREAM).replaceWith(job);
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
