package dev.netpilot.api.job;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.auth.Caller;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ConflictException;
import dev.netpilot.api.error.JobNotFoundException;
import dev.netpilot.api.auth.MissingScopeException;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobError;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobResult;
import dev.netpilot.job.JobStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code DELETE /jobs/{id}} and {@code DELETE /jobs?host=|queue=}. A queued job is cancelled here, atomically and
 * only while it is still queued (the executor skips jobs that already ended). A started job is stopped by the
 * executor running it: the API publishes its id on the cancel channel and answers at once.
 */
@ApplicationScoped
public class JobCancellation {

    /** A record that keeps changing under us (queued, then started) is read again at most this often. */
    private static final int ATTEMPTS = 5;

    private final JobStore store;
    private final JobOwners owners;
    private final JobSearch search;
    private final ApiConfig config;

    public JobCancellation(JobStore store, JobOwners owners, JobSearch search, ApiConfig config) {
        this.store = store;
        this.owners = owners;
        this.search = search;
        this.config = config;
    }

    /** The answer to a cancel request: {@code cancelled} (it was queued) or {@code cancelling} (it runs). */
    public record Cancellation(String id, String status) {

        public static final String CANCELLED = "cancelled";
        public static final String CANCELLING = "cancelling";
    }

    /** Cancels one job: the caller must have submitted it or have the {@code admin} scope. */
    public Uni<Cancellation> cancel(String jobId, Caller caller) {
        return store.findRaw(jobId).chain(raw -> {
            if (raw == null) {
                return Uni.createFrom().failure(new JobNotFoundException(jobId));
            }
            return owners.ownerOf(jobId).chain(owner -> {
                if (!caller.has(Scope.ADMIN) && !caller.name().equals(owner)) {
                    return Uni.createFrom().failure(new MissingScopeException("Job " + jobId + " was not submitted "
                            + "with the API key '" + caller.name() + "'; cancelling another key's job needs the "
                            + "'admin' scope"));
                }
                return attempt(jobId, raw, caller, 1);
            });
        });
    }

    private Uni<Cancellation> attempt(String jobId, String raw, Caller caller, int attempt) {
        Job job = JobJson.read(raw, Job.class);
        if (job.status().isTerminal()) {
            return Uni.createFrom().failure(new ConflictException("Job " + jobId + " already ended with status "
                    + job.status().wire() + "; there is nothing to cancel"));
        }
        if (job.status() == JobStatus.STARTED) {
            return store.requestStop(jobId).replaceWith(new Cancellation(jobId, Cancellation.CANCELLING));
        }
        return store.cancelQueued(jobId, raw, cancelled(job, caller), config.defaultResultTtl()).chain(outcome -> {
            switch (outcome) {
                case CANCELLED:
                    return Uni.createFrom().item(new Cancellation(jobId, Cancellation.CANCELLED));
                case GONE:
                    return Uni.createFrom().failure(new JobNotFoundException(jobId));
                default:
                    if (attempt >= ATTEMPTS) {
                        return Uni.createFrom().failure(new ConflictException("Job " + jobId + " changed while "
                                + "being cancelled; send the request again"));
                    }
                    return store.findRaw(jobId).chain(again -> again == null
                            ? Uni.createFrom().failure(new JobNotFoundException(jobId))
                            : attempt(jobId, again, caller, attempt + 1));
            }
        });
    }

    /**
     * Cancels every queued job of a device ({@code host}) or a queue; returns their ids. Only jobs created within the
     * longest queue ttl (86400 s) can still be queued, so the index is walked that far back and no further.
     */
    public Uni<List<String>> cancelQueued(String host, String queue, Caller caller) {
        JobFilter filter = new JobFilter(JobStatus.QUEUED, queue, host, null, null);
        long since = Instant.now().minus(Duration.ofSeconds(86400)).toEpochMilli();
        List<String> cancelled = Collections.synchronizedList(new ArrayList<>());
        return search.forEachSince(since, records -> {
            List<Uni<Void>> cancels = records.stream()
                    .filter(record -> filter.matches(record.job()))
                    .map(record -> store.cancelQueued(record.job().id(), record.raw(), cancelled(record.job(), caller),
                                    config.defaultResultTtl())
                            .invoke(outcome -> {
                                if (outcome == JobStore.CancelOutcome.CANCELLED) {
                                    cancelled.add(record.job().id());
                                }
                            }).replaceWithVoid())
                    .toList();
            return cancels.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(cancels).andFailFast().replaceWithVoid();
        }).map(ignored -> List.copyOf(cancelled));
    }

    private static Job cancelled(Job job, Caller caller) {
        return job.ended(JobStatus.CANCELLED, new JobResult(JobResult.STOPPED, null, new JobError("Cancelled",
                "Cancelled before it started, on request of the API key '" + caller.name() + "'")), Instant.now());
    }
}
