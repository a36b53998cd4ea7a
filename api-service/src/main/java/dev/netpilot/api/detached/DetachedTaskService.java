package dev.netpilot.api.detached;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.netpilot.api.auth.Caller;
import dev.netpilot.api.dispatch.JobDispatcher;
import dev.netpilot.api.error.ErrorBody.FieldProblem;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.api.error.NotFoundException;
import dev.netpilot.api.job.JobService;
import dev.netpilot.api.job.JobStore;
import dev.netpilot.api.job.RequestReader;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.DetachedLogin;
import dev.netpilot.job.DriverName;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobStatus;
import dev.netpilot.job.QueueStrategy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The detached tasks the API tracks and their management. As in NetPulse, the API never talks to devices: reading a
 * task's log, killing it and discovering the tasks of a host are small jobs submitted to the task's device (on the
 * launch's queue, so a pinned device keeps its order), whose result the API waits for and turns into the answer.
 */
@ApplicationScoped
public class DetachedTaskService {

    /** How long the API waits for a management job (NetPulse waits 5 s for a query, 10 s for kill and discover). */
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MANAGEMENT_TTL = 30;
    private static final int MANAGEMENT_RESULT_TTL = 60;

    private final DetachedTaskStore store;
    private final JobStore jobs;
    private final JobService jobService;
    private final JobDispatcher dispatcher;
    private final RequestReader reader;

    public DetachedTaskService(DetachedTaskStore store, JobStore jobs, JobService jobService,
                               JobDispatcher dispatcher, RequestReader reader) {
        this.store = store;
        this.jobs = jobs;
        this.jobService = jobService;
        this.dispatcher = dispatcher;
        this.reader = reader;
    }

    /** {@code GET /detached-tasks/{id}}: the task's status and its log from {@code offset}. */
    public record Query(@JsonProperty("task_id") String taskId, String status, List<CommandResult> result) {
    }

    /** {@code POST /detached-tasks/discover}: the tasks running on a host. */
    public record Discovery(int discovered, @JsonProperty("synced_off") int syncedOff,
                            List<Map<String, Object>> tasks) {
    }

    /** Every tracked task (optionally only those with {@code status}), tasks still launching brought up to date. */
    public Uni<List<DetachedTask>> list(String status) {
        if (status != null && !DetachedTask.STATUSES.contains(status)) {
            throw InvalidRequestException.ofQuery("status", "must be launching, running or completed, got '"
                    + status + "'");
        }
        return store.all().chain(tasks -> {
            List<Uni<DetachedTask>> current = tasks.stream().map(this::withLaunchOutcome).toList();
            return current.isEmpty() ? Uni.createFrom().item(List.<DetachedTask>of())
                    : Uni.join().all(current).andFailFast();
        }).map(tasks -> tasks.stream().filter(t -> status == null || status.equals(t.status())).toList());
    }

    /**
     * Reads the task's log from {@code offset} (the position the last query reached when null) on its device, and
     * records the new position and status.
     */
    public Uni<Query> query(String taskId, Long offset, Caller caller) {
        if (offset != null && offset < 0) {
            throw InvalidRequestException.ofQuery("offset", "must be 0 or more, got " + offset);
        }
        return tracked(taskId).chain(tracked -> {
            long from = offset != null ? offset : tracked.task().lastOffset();
            Map<String, Object> read = Map.of("read_detached_task_logs", Map.of("task_id", taskId, "offset", from));
            return manage(tracked.login(), read, caller).chain(job -> {
                CommandResult entry = entryOf(job);
                Map<String, Object> metadata = entry.metadata();
                DetachedTask task = tracked.task();
                if (metadata.containsKey("is_running")) {
                    String status = Boolean.TRUE.equals(metadata.get("is_running")) ? DetachedTask.RUNNING
                            : DetachedTask.COMPLETED;
                    Object next = metadata.get("next_offset");
                    task = task.synced(status, integer(metadata.get("pid")),
                            next instanceof Number n ? n.longValue() : null, Instant.now());
                }
                DetachedTask synced = task;
                return store.update(synced).replaceWith(new Query(taskId, synced.status(), List.of(entry)));
            });
        });
    }

    /** Stops the task on its device, deletes its files there and stops tracking it. */
    public Uni<Map<String, String>> kill(String taskId, Caller caller) {
        String gone = "Detached task " + taskId + " not found or already stopped";
        return store.find(taskId).chain(tracked -> {
            if (tracked == null) {
                throw new NotFoundException(gone);
            }
            Map<String, Object> kill = new LinkedHashMap<>(tracked.login().driverArgs());
            kill.put("kill_detached_task", taskId);
            return manage(tracked.login(), kill, caller).chain(job -> {
                CommandResult entry = entryOf(job);
                if (entry.exitStatus() != 0 && !entry.metadata().containsKey("task_id")) {
                    // the device could not be asked: keep tracking, say why
                    throw new WebApplicationException("Could not kill detached task " + taskId + ": "
                            + entry.stderr(), Response.Status.BAD_GATEWAY);
                }
                return store.remove(taskId).map(ignored -> {
                    if (entry.exitStatus() != 0) {
                        throw new NotFoundException(gone);
                    }
                    return Map.of("status", "killed", "task_id", taskId);
                });
            });
        });
    }

    /** Stops tracking every task; the tasks themselves keep running. */
    public Uni<Map<String, Object>> clear() {
        return store.clear().map(count -> Map.of("status", "cleared", "count", count));
    }

    /**
     * Lists the tasks running on a host for the given login; tracked tasks of that login that are {@code running}
     * but no longer found there become {@code completed} (counted in {@code synced_off}).
     */
    public Uni<Discovery> discover(Map<String, Object> body, Caller caller) {
        Map<String, Object> connection = connectionArgs(body);
        DetachedLogin login = new DetachedLogin(connection, credential(body), Map.of(), QueueStrategy.PINNED.wire(),
                null);
        return manage(login, Map.of("list_active_detached_tasks", true), caller).chain(job -> {
            CommandResult entry = entryOf(job);
            if (entry.exitStatus() != 0) {
                throw new WebApplicationException("Could not list the detached tasks on " + connection.get("host")
                        + ": " + entry.stderr(), Response.Status.BAD_GATEWAY);
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> found = (List<Map<String, Object>>) entry.metadata().get("active_tasks");
            List<String> running = found.stream().map(task -> String.valueOf(task.get("task_id"))).toList();
            return store.all().chain(tasks -> {
                List<Uni<Void>> updates = new ArrayList<>();
                for (DetachedTask task : tasks) {
                    if (DetachedTask.RUNNING.equals(task.status()) && sameLogin(task, connection)
                            && !running.contains(task.taskId())) {
                        updates.add(store.update(task.synced(DetachedTask.COMPLETED, null, null, Instant.now())));
                    }
                }
                Discovery discovery = new Discovery(found.size(), updates.size(), found);
                return updates.isEmpty() ? Uni.createFrom().item(discovery)
                        : Uni.join().all(updates).andFailFast().replaceWith(discovery);
            });
        });
    }

    private Uni<DetachedTaskStore.Tracked> tracked(String taskId) {
        return store.find(taskId).onItem().ifNull().failWith(() -> new NotFoundException("Detached task " + taskId
                + " is not tracked (unknown id, cleared, or not used for " + DetachedTaskStore.KEEP.toDays()
                + " days)"));
    }

    /** A task still launching, with the outcome of its launch job once that ended (and recorded). */
    private Uni<DetachedTask> withLaunchOutcome(DetachedTask task) {
        if (!DetachedTask.LAUNCHING.equals(task.status()) || task.jobId() == null) {
            return Uni.createFrom().item(task);
        }
        return jobs.find(task.jobId()).chain(job -> {
            if (job == null || !job.status().isTerminal()) {
                return Uni.createFrom().item(task);
            }
            List<CommandResult> entries = job.result() == null || job.result().retval() == null ? List.of()
                    : job.result().retval();
            Map<String, Object> metadata = entries.isEmpty() || entries.get(0).metadata() == null ? Map.of()
                    : entries.get(0).metadata();
            boolean running = job.status() == JobStatus.FINISHED && Boolean.TRUE.equals(metadata.get("is_running"));
            DetachedTask updated = task.synced(running ? DetachedTask.RUNNING : DetachedTask.COMPLETED,
                    integer(metadata.get("pid")), null, job.endedAt());
            return store.update(updated).replaceWith(updated);
        });
    }

    /** Submits a management job for the login and waits for it to end. */
    private Uni<Job> manage(DetachedLogin login, Map<String, Object> driverArgs, Caller caller) {
        Map<String, Object> body = login.jobBody(driverArgs);
        body.put("queue_strategy", login.queueStrategy());
        body.put("ttl", MANAGEMENT_TTL);
        body.put("result_ttl", MANAGEMENT_RESULT_TTL);
        ExecutionRequest request = JobJson.mapper().convertValue(body, ExecutionRequest.class).withDefaults();
        return dispatcher.dispatch(request, null, caller.name()).chain(job -> jobService.get(job.id(), WAIT))
                .map(record -> JobJson.read(record, Job.class)).map(job -> {
                    if (!job.status().isTerminal()) {
                        throw new WebApplicationException("The device did not answer within " + WAIT.toSeconds()
                                + " s; the job " + job.id() + " may still run (GET /jobs/" + job.id() + ")",
                                Response.Status.GATEWAY_TIMEOUT);
                    }
                    return job;
                });
    }

    /** The one entry of a management job; a failed job (a bug or a timeout on the executor) is a 502. */
    private static CommandResult entryOf(Job job) {
        if (job.status() != JobStatus.FINISHED || job.result() == null || job.result().retval() == null
                || job.result().retval().isEmpty()) {
            String why = job.result() != null && job.result().error() != null ? job.result().error().message()
                    : "status " + job.status().wire();
            throw new WebApplicationException("The management job " + job.id() + " failed: " + why,
                    Response.Status.BAD_GATEWAY);
        }
        CommandResult entry = job.result().retval().get(0);
        return entry.metadata() == null ? new CommandResult(entry.command(), entry.stdout(), entry.stderr(),
                entry.exitStatus(), entry.downloadUrl(), Map.of(), entry.parsed()) : entry;
    }

    private static Map<String, Object> connectionArgs(Map<String, Object> body) {
        if (body == null) {
            throw InvalidRequestException.of("body", "send {\"driver\": \"paramiko\", \"connection_args\": {...}}");
        }
        if (!DriverName.PARAMIKO.wire().equals(body.get("driver"))) {
            throw InvalidRequestException.of("driver", "detached tasks exist only for the paramiko driver; "
                    + "send \"driver\": \"paramiko\"");
        }
        if (!(body.get("connection_args") instanceof Map<?, ?> args) || args.get("host") == null) {
            throw InvalidRequestException.of("connection_args", "connection_args with at least 'host' is required");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> connection = (Map<String, Object>) args;
        return connection;
    }

    /** The body's {@code credential} (or null), checked as {@code POST /device/exec} checks it. */
    private Map<String, Object> credential(Map<String, Object> body) {
        Object credential = body.get("credential");
        if (credential == null) {
            return null;
        }
        if (!(credential instanceof Map<?, ?> map)) {
            throw InvalidRequestException.of("credential", "credential must be an object like "
                    + "{\"name\": \"vault\", \"ref\": \"netpilot/core1\"}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> reference = (Map<String, Object>) map;
        List<FieldProblem> problems = reader.credentialProblems(reference);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return reference;
    }

    /** Whether a tracked task was launched with the same host, port and user as {@code connection}. */
    private static boolean sameLogin(DetachedTask task, Map<String, Object> connection) {
        Map<String, Object> launched = task.connectionArgs();
        return Objects.equals(String.valueOf(launched.get("host")), String.valueOf(connection.get("host")))
                && Objects.equals(String.valueOf(launched.getOrDefault("port", 22)),
                String.valueOf(connection.getOrDefault("port", 22)))
                && Objects.equals(launched.get("username"), connection.get("username"));
    }

    private static Integer integer(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }
}
