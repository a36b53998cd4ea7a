package dev.netpilot.api.node;

import dev.netpilot.api.error.NotFoundException;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.NodeInfo;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The live executor nodes, read from their heartbeat records, and asking one to drain. */
@ApplicationScoped
public class WorkerService {

    private final Redis redis;

    public WorkerService(Redis redis) {
        this.redis = redis;
    }

    /** Every live node (dead ones are reaped by the others), in name order; {@code node} filters by name. */
    public Uni<List<Worker>> list(String node) {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(RedisKeys.NODES)).chain(members -> {
            List<String> names = new ArrayList<>();
            members.forEach(member -> names.add(member.toString()));
            names.removeIf(name -> node != null && !node.equals(name));
            if (names.isEmpty()) {
                return Uni.createFrom().item(List.<Worker>of());
            }
            List<Request> batch = new ArrayList<>();
            for (String name : names) {
                batch.add(Request.cmd(Command.GET).arg(RedisKeys.node(name)));
                batch.add(Request.cmd(Command.SMEMBERS).arg(RedisKeys.nodeLanes(name)));
                batch.add(Request.cmd(Command.HGETALL).arg(RedisKeys.nodeSessions(name)));
            }
            return redis.batch(batch).map(responses -> {
                List<Worker> workers = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    Response record = responses.get(3 * i);
                    if (record != null) {
                        workers.add(worker(JobJson.read(record.toString(), NodeInfo.class), responses.get(3 * i + 1),
                                responses.get(3 * i + 2)));
                    }
                }
                workers.sort(Comparator.comparing(Worker::name));
                return workers;
            });
        });
    }

    /** Asks a live node to drain: finish its running jobs, take no more, hand its devices on and stop. */
    public Uni<Void> drain(String name) {
        return redis.send(Request.cmd(Command.EXISTS).arg(RedisKeys.node(name))).chain(exists -> {
            if (exists.toInteger() == 0) {
                return Uni.createFrom().failure(new NotFoundException("Worker " + name
                        + " not found: it is not running (GET /workers lists the live ones)"));
            }
            return redis.send(Request.cmd(Command.PUBLISH).arg(RedisKeys.NODE_DRAIN_CHANNEL).arg(name))
                    .replaceWithVoid();
        });
    }

    private static Worker worker(NodeInfo info, Response lanes, Response sessions) {
        Map<String, String> states = new TreeMap<>();
        if (sessions != null) {
            for (String lane : sessions.getKeys()) {
                states.put(lane, sessions.get(lane).toString());
            }
        }
        List<Worker.PinnedDevice> devices = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        queues.add(RedisKeys.FIFO_QUEUE);
        List<String> laneIds = new ArrayList<>();
        lanes.forEach(lane -> laneIds.add(lane.toString()));
        laneIds.sort(null);
        for (String lane : laneIds) {
            devices.add(new Worker.PinnedDevice(lane, RedisKeys.laneQueue(lane), states.getOrDefault(lane, "closed")));
            queues.add(RedisKeys.laneQueue(lane));
        }
        String status = info.draining() ? "draining" : info.fifoRunning() > 0 ? "busy" : "idle";
        return new Worker(info.name(), status, info.pid(), info.hostname(), queues, info.heartbeatAt(),
                info.startedAt(), info.jobsSucceeded(), info.jobsFailed(), info.capacity(), devices.size(),
                info.sessions(), info.fifoRunning(), info.fifoConcurrency(), devices);
    }
}
