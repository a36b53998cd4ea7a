package dev.netpilot.api.detached;

import dev.netpilot.job.DetachedLogin;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detached tasks the API tracks, in Redis: each task's record and login under their own keys (expiring
 * {@link #KEEP} after the last write, so that forgotten tasks do not pile up) and an index of the ids.
 */
@ApplicationScoped
public class DetachedTaskStore {

    /** How long a task stays tracked after it was last launched, queried or synced. */
    static final Duration KEEP = Duration.ofDays(7);

    private final Redis redis;

    public DetachedTaskStore(Redis redis) {
        this.redis = redis;
    }

    /** A task with its login, or null when it is not tracked. */
    record Tracked(DetachedTask task, DetachedLogin login) {
    }

    /**
     * Starts tracking the task a queued {@code detach} job launches ({@code launching} until the job ends). The
     * record keeps the connection arguments masked; the login keeps them with the sudo arguments and the webhook.
     */
    public Uni<Void> track(Job job, ExecutionRequest request) {
        Map<String, Object> sudo = new LinkedHashMap<>();
        if (request.driverArgs() != null) {
            for (String key : List.of("sudo", "sudo_password")) {
                if (request.driverArgs().get(key) != null) {
                    sudo.put(key, request.driverArgs().get(key));
                }
            }
        }
        DetachedTask task = new DetachedTask(job.taskId(), job.command(), request.host(), request.driver().wire(),
                DetachedTask.LAUNCHING, null, job.createdAt(), request.pushInterval(), 0,
                DetachedTask.masked(request.connectionArgs()), job.id(), null);
        DetachedLogin login = new DetachedLogin(request.connectionArgs(), request.credential(), sudo,
                request.queueStrategy().wire(), request.webhook());
        return add(task, login);
    }

    /** Starts tracking a task (one atomic round trip). */
    Uni<Void> add(DetachedTask task, DetachedLogin login) {
        String keep = String.valueOf(KEEP.toSeconds());
        return redis.batch(List.of(
                Request.cmd(Command.MULTI),
                Request.cmd(Command.SET).arg(RedisKeys.detachedTask(task.taskId())).arg(JobJson.write(task))
                        .arg("EX").arg(keep),
                Request.cmd(Command.SET).arg(RedisKeys.detachedTaskLogin(task.taskId())).arg(JobJson.write(login))
                        .arg("EX").arg(keep),
                Request.cmd(Command.ZADD).arg(RedisKeys.DETACHED_TASKS).arg(task.createdAt().toEpochMilli())
                        .arg(task.taskId()),
                Request.cmd(Command.EXEC))).replaceWithVoid();
    }

    /** Rewrites a task's record, only while it is still tracked (a cleared task stays cleared). */
    Uni<Void> update(DetachedTask task) {
        String keep = String.valueOf(KEEP.toSeconds());
        return redis.batch(List.of(
                Request.cmd(Command.MULTI),
                Request.cmd(Command.SET).arg(RedisKeys.detachedTask(task.taskId())).arg(JobJson.write(task))
                        .arg("EX").arg(keep).arg("XX"),
                Request.cmd(Command.EXPIRE).arg(RedisKeys.detachedTaskLogin(task.taskId())).arg(keep),
                Request.cmd(Command.EXEC))).replaceWithVoid();
    }

    Uni<Tracked> find(String taskId) {
        return redis.send(Request.cmd(Command.MGET).arg(RedisKeys.detachedTask(taskId))
                .arg(RedisKeys.detachedTaskLogin(taskId))).map(values -> {
                    Response task = values.get(0);
                    Response login = values.get(1);
                    return task == null || login == null ? null : new Tracked(
                            JobJson.read(task.toString(), DetachedTask.class),
                            JobJson.read(login.toString(), DetachedLogin.class));
                });
    }

    /** Every tracked task, oldest first; ids whose records expired are pruned from the index. */
    Uni<List<DetachedTask>> all() {
        return redis.send(Request.cmd(Command.ZRANGE).arg(RedisKeys.DETACHED_TASKS).arg(0).arg(-1)).chain(ids -> {
            if (ids.size() == 0) {
                return Uni.createFrom().item(List.<DetachedTask>of());
            }
            Request mget = Request.cmd(Command.MGET);
            ids.forEach(id -> mget.arg(RedisKeys.detachedTask(id.toString())));
            return redis.send(mget).chain(values -> {
                List<DetachedTask> tasks = new ArrayList<>();
                Request prune = Request.cmd(Command.ZREM).arg(RedisKeys.DETACHED_TASKS);
                boolean pruning = false;
                for (int i = 0; i < ids.size(); i++) {
                    Response value = values.get(i);
                    if (value == null) {
                        prune.arg(ids.get(i).toString());
                        pruning = true;
                    } else {
                        tasks.add(JobJson.read(value.toString(), DetachedTask.class));
                    }
                }
                return pruning ? redis.send(prune).replaceWith(tasks) : Uni.createFrom().item(tasks);
            });
        });
    }

    /** Stops tracking a task. */
    Uni<Void> remove(String taskId) {
        return redis.batch(List.of(
                Request.cmd(Command.MULTI),
                Request.cmd(Command.DEL).arg(RedisKeys.detachedTask(taskId)).arg(RedisKeys.detachedTaskLogin(taskId)),
                Request.cmd(Command.ZREM).arg(RedisKeys.DETACHED_TASKS).arg(taskId),
                Request.cmd(Command.EXEC))).replaceWithVoid();
    }

    /** Stops tracking every task; returns how many were tracked. */
    Uni<Integer> clear() {
        return all().chain(tasks -> {
            if (tasks.isEmpty()) {
                return redis.send(Request.cmd(Command.DEL).arg(RedisKeys.DETACHED_TASKS)).replaceWith(0);
            }
            Request del = Request.cmd(Command.DEL).arg(RedisKeys.DETACHED_TASKS);
            tasks.forEach(task -> del.arg(RedisKeys.detachedTask(task.taskId()))
                    .arg(RedisKeys.detachedTaskLogin(task.taskId())));
            return redis.send(del).replaceWith(tasks.size());
        });
    }
}
