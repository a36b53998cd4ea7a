package dev.netpilot.api.stats;

import dev.netpilot.job.JobJson;
import dev.netpilot.job.NodeInfo;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the system's numbers in one round trip: the job counters that the scripts changing a job's status keep
 * up to date, the live nodes' heartbeat records and the length of every non-empty queue.
 */
@ApplicationScoped
public class StatsService {

    /**
     * Queued jobs whose ttl passed are counted as expired and dropped from the queued set (the dispatcher does the
     * same on every enqueue); running entries past their execution timeout are dropped. Returns: queued, running,
     * the job totals, the self-healing counters, the live nodes' records and queue, length, queue, length...
     */
    private static final String READ = """
            local now = ARGV[1]
            local queued, running, jobs, healing = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
            local nodes, nodePrefix, lanePrefix, fifo = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
            local expired = redis.call('ZREMRANGEBYSCORE', queued, '-inf', '(' .. now)
            if expired > 0 then redis.call('HINCRBY', jobs, 'expired', expired) end
            redis.call('ZREMRANGEBYSCORE', running, '-inf', '(' .. now)
            local records, depths = {}, {fifo, redis.call('XLEN', fifo)}
            for _, node in ipairs(redis.call('SMEMBERS', nodes)) do
              local record = redis.call('GET', nodePrefix .. node)
              if record then
                records[#records + 1] = record
                for _, lane in ipairs(redis.call('SMEMBERS', nodePrefix .. node .. ':lanes')) do
                  local length = redis.call('XLEN', lanePrefix .. lane)
                  if length > 0 then
                    depths[#depths + 1] = lane
                    depths[#depths + 1] = length
                  end
                end
              end
            end
            return {redis.call('ZCARD', queued), redis.call('ZCARD', running), redis.call('HGETALL', jobs),
                    redis.call('HGETALL', healing), records, depths}
            """;

    private final Redis redis;
    private final Instant startedAt = Instant.now();

    public StatsService(Redis redis) {
        this.redis = redis;
    }

    public Uni<SystemStats> read() {
        return redis.send(Request.cmd(Command.EVAL).arg(READ).arg(4)
                        .arg(RedisKeys.STATS_QUEUED).arg(RedisKeys.STATS_RUNNING).arg(RedisKeys.STATS_JOBS)
                        .arg(RedisKeys.STATS_SELF_HEALING)
                        .arg(System.currentTimeMillis()).arg(RedisKeys.NODES).arg(RedisKeys.NODE_PREFIX)
                        .arg(RedisKeys.LANE_PREFIX).arg(RedisKeys.FIFO_STREAM))
                .map(this::stats);
    }

    private SystemStats stats(Response answer) {
        Map<String, Long> totals = counters(answer.get(2));
        Map<String, Long> healing = counters(answer.get(3));
        int live = 0;
        int draining = 0;
        int busy = 0;
        int pinned = 0;
        int sessions = 0;
        long capacity = 0;
        for (Response record : answer.get(4)) {
            NodeInfo node = JobJson.read(record.toString(), NodeInfo.class);
            live++;
            pinned += node.lanes();
            sessions += node.sessions();
            capacity += node.capacity();
            if (node.draining()) {
                draining++;
            } else if (node.fifoRunning() > 0) {
                busy++;
            }
        }
        Map<String, Long> queues = new LinkedHashMap<>();
        Response depths = answer.get(5);
        queues.put(RedisKeys.FIFO_QUEUE, depths.get(1).toLong());
        for (int i = 2; i + 1 < depths.size(); i += 2) {
            queues.put(RedisKeys.laneQueue(depths.get(i).toString()), depths.get(i + 1).toLong());
        }
        long probeFailures = healing.getOrDefault("probe_failures", 0L);
        long failovers = healing.getOrDefault("node_failovers", 0L);
        return new SystemStats("online",
                new SystemStats.Workers(live, pinned, live - draining, live, live - draining - busy, busy, draining),
                new SystemStats.Jobs(totals.getOrDefault("finished", 0L), totals.getOrDefault("failed", 0L),
                        answer.get(1).toLong(), answer.get(0).toLong(), totals.getOrDefault("total", 0L),
                        totals.getOrDefault("cancelled", 0L), totals.getOrDefault("expired", 0L)),
                new SystemStats.Nodes(live, capacity, pinned, sessions),
                queues,
                new SystemStats.SelfHealing(probeFailures + failovers, probeFailures, failovers),
                Duration.between(startedAt, Instant.now()).toSeconds());
    }

    /** An HGETALL answer inside a script (always a flat list: field, value, ...) as field to number. */
    private static Map<String, Long> counters(Response hash) {
        Map<String, Long> counters = new HashMap<>();
        for (int i = 0; i + 1 < hash.size(); i += 2) {
            counters.put(hash.get(i).toString(), hash.get(i + 1).toLong());
        }
        return counters;
    }
}
