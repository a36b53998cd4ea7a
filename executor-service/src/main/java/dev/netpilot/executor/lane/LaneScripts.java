package dev.netpilot.executor.lane;

import dev.netpilot.executor.job.JobRecords;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The atomic steps of lane ownership, each one Lua script and one round trip. Key prefixes come from
 * {@link RedisKeys} so that the names live in one place.
 */
@ApplicationScoped
public class LaneScripts {

    /** Gives a lane to {@code node} unless a live node owns it already; checks the node is alive and has room. */
    private static final String ASSIGN = """
            local lane, node, capacity = ARGV[1], ARGV[2], tonumber(ARGV[3])
            local lanePrefix, nodePrefix = ARGV[4], ARGV[5]
            local ownerKey = lanePrefix .. lane .. ':owner'
            local owner = redis.call('GET', ownerKey)
            if owner and redis.call('EXISTS', nodePrefix .. owner) == 1 then
              redis.call('XADD', nodePrefix .. owner .. ':wake', 'MAXLEN', '~', 10000, '*', 'lane', lane)
              return owner
            end
            if redis.call('EXISTS', nodePrefix .. node) == 0 then return false end
            if redis.call('SCARD', nodePrefix .. node .. ':lanes') >= capacity then return false end
            redis.call('SET', ownerKey, node)
            redis.call('SADD', nodePrefix .. node .. ':lanes', lane)
            redis.call('XADD', nodePrefix .. node .. ':wake', 'MAXLEN', '~', 10000, '*', 'lane', lane)
            return node
            """;

    /**
     * Gives up a lane this node owns. An empty lane is simply released; a lane with work waiting is released
     * only when {@code handOver} is set (shutdown), and then goes back to the assign stream for another node.
     * Returns 1 when released, 0 when kept.
     */
    private static final String RELEASE = """
            local lane, me, handOver = ARGV[1], ARGV[2], ARGV[3]
            local lanePrefix, nodePrefix, assign = ARGV[4], ARGV[5], ARGV[6]
            local ownerKey = lanePrefix .. lane .. ':owner'
            if redis.call('GET', ownerKey) ~= me then
              redis.call('SREM', nodePrefix .. me .. ':lanes', lane)
              return 1
            end
            local waiting = redis.call('XLEN', lanePrefix .. lane) > 0
            if waiting and handOver ~= '1' then return 0 end
            redis.call('DEL', ownerKey)
            redis.call('SREM', nodePrefix .. me .. ':lanes', lane)
            redis.call('HDEL', nodePrefix .. me .. ':sessions', lane)
            if waiting then redis.call('XADD', assign, '*', 'lane', lane) end
            return 1
            """;

    /**
     * Takes the lanes of a dead node (its record expired): each lane it still owns loses its owner and goes to
     * the assign stream; then the node's keys are removed. A short lock makes sure one live node does this.
     * Returns the number of lanes handed on, or -1 when the node is alive, -2 when another node is reaping it.
     */
    private static final String REAP = """
            local dead, me = ARGV[1], ARGV[2]
            local lanePrefix, nodePrefix, assign, nodes = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
            if redis.call('EXISTS', nodePrefix .. dead) == 1 then return -1 end
            if not redis.call('SET', nodePrefix .. dead .. ':reaper', me, 'NX', 'PX', 30000) then return -2 end
            local lanes = redis.call('SMEMBERS', nodePrefix .. dead .. ':lanes')
            local moved = 0
            for _, lane in ipairs(lanes) do
              local ownerKey = lanePrefix .. lane .. ':owner'
              if redis.call('GET', ownerKey) == dead then
                redis.call('DEL', ownerKey)
                redis.call('XADD', assign, '*', 'lane', lane)
                moved = moved + 1
              end
            end
            redis.call('DEL', nodePrefix .. dead .. ':lanes', nodePrefix .. dead .. ':sessions',
                       nodePrefix .. dead .. ':wake')
            redis.call('SREM', nodes, dead)
            redis.call('HINCRBY', '$SELF_HEALING', 'node_failovers', 1)
            return moved
            """.replace("$SELF_HEALING", RedisKeys.STATS_SELF_HEALING);

    /**
     * The next new entry of a lane for this node, with what running it needs, in one round trip: the entry id,
     * whether it is the lane's newest entry (1 or 0: when it is, no second read is needed to find the lane empty;
     * an entry added later brings its own wake), its job id, the job record, the stored request, the submitting
     * key's name and the lane's owner (false values when missing); nothing when the lane has no new entry.
     */
    private static final String NEXT = """
            local stream, group, me, lanePrefix, jobPrefix, requestSuffix, ownerSuffix, lane =
              ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
            local read = redis.call('XREADGROUP', 'GROUP', group, me, 'COUNT', 1, 'STREAMS', stream, '>')
            if not read then return {} end
            local entry = read[1][2][1]
            local newest = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)[1]
            local last = (newest and newest[1] == entry[1]) and 1 or 0
            local fields, jobId = entry[2], false
            for i = 1, #fields, 2 do
              if fields[i] == 'job' then jobId = fields[i + 1] end
            end
            if not jobId then return {entry[1], last} end
            return {entry[1], last, jobId, redis.call('GET', jobPrefix .. jobId),
                    redis.call('GET', jobPrefix .. jobId .. requestSuffix),
                    redis.call('GET', jobPrefix .. jobId .. ownerSuffix),
                    redis.call('GET', lanePrefix .. lane .. ':owner')}
            """;

    /**
     * A lane's next entry: {@code loaded} is null when its job expired (or the entry carries no job); {@code last}
     * when it was the lane's newest entry.
     */
    public record Next(String entryId, boolean last, String jobId, JobRecords.Loaded loaded) {
    }

    private final Redis redis;

    public LaneScripts(Redis redis) {
        this.redis = redis;
    }

    /** The node that owns the lane afterwards, or null when {@code node} died or is full. */
    public Uni<String> assign(String laneId, String node, int capacity) {
        return eval(ASSIGN, laneId, node, String.valueOf(capacity), RedisKeys.LANE_PREFIX, RedisKeys.NODE_PREFIX)
                .map(response -> response == null ? null : response.toString());
    }

    public Uni<Boolean> release(String laneId, String me, boolean handOver) {
        return eval(RELEASE, laneId, me, handOver ? "1" : "0", RedisKeys.LANE_PREFIX, RedisKeys.NODE_PREFIX,
                RedisKeys.ASSIGN_STREAM).map(response -> response.toInteger() == 1);
    }

    public Uni<Integer> reap(String deadNode, String me) {
        return eval(REAP, deadNode, me, RedisKeys.LANE_PREFIX, RedisKeys.NODE_PREFIX, RedisKeys.ASSIGN_STREAM,
                RedisKeys.NODES).map(Response::toInteger);
    }

    /** The lane's next new entry for {@code me}, or null when it has none. */
    public Uni<Next> next(String laneId, String me) {
        return eval(NEXT, RedisKeys.lane(laneId), RedisKeys.EXECUTOR_GROUP, me, RedisKeys.LANE_PREFIX,
                RedisKeys.JOB_PREFIX, RedisKeys.REQUEST_SUFFIX, RedisKeys.OWNER_SUFFIX, laneId).map(response -> {
            if (response.size() == 0) {
                return null;
            }
            String entryId = response.get(0).toString();
            boolean last = response.get(1).toInteger() == 1;
            if (response.size() == 2) {
                return new Next(entryId, last, null, null);
            }
            return new Next(entryId, last, response.get(2).toString(),
                    JobRecords.loaded(response.get(3), response.get(4), response.get(5), response.get(6)));
        });
    }

    private Uni<Response> eval(String script, String... args) {
        Request request = Request.cmd(Command.EVAL).arg(script).arg(0);
        for (String arg : args) {
            request.arg(arg);
        }
        return redis.send(request);
    }
}
