package dev.netpilot.executor.node;

import dev.netpilot.executor.scheduling.NodeLoad;
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
import java.util.List;

/** The executor nodes as Redis knows them. */
@ApplicationScoped
public class Nodes {

    private final Redis redis;

    public Nodes(Redis redis) {
        this.redis = redis;
    }

    /** Every registered node name, live or dead (not reaped yet). */
    public Uni<List<String>> names() {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(RedisKeys.NODES)).map(members -> {
            List<String> names = new ArrayList<>();
            members.forEach(member -> names.add(member.toString()));
            return names;
        });
    }

    /** The live nodes that take new devices, with their current number of lanes (counted, not reported). */
    public Uni<List<NodeLoad>> liveLoads() {
        return names().chain(names -> {
            if (names.isEmpty()) {
                return Uni.createFrom().item(List.<NodeLoad>of());
            }
            List<Request> batch = new ArrayList<>();
            for (String name : names) {
                batch.add(Request.cmd(Command.GET).arg(RedisKeys.node(name)));
                batch.add(Request.cmd(Command.SCARD).arg(RedisKeys.nodeLanes(name)));
            }
            return redis.batch(batch).map(responses -> {
                List<NodeLoad> loads = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    Response record = responses.get(2 * i);
                    if (record == null) {
                        continue;
                    }
                    NodeInfo info = JobJson.read(record.toString(), NodeInfo.class);
                    if (!info.draining()) {
                        loads.add(new NodeLoad(info.name(), responses.get(2 * i + 1).toInteger(), info.capacity()));
                    }
                }
                return loads;
            });
        });
    }
}
