package dev.netpilot.api.job;

import dev.netpilot.job.AuditEntry;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Job records and the job index in Redis, as the API sees them. */
@ApplicationScoped
public class JobStore {

    /**
     * The index entries after a position, newest first. The position is the last entry a reader examined; when
     * that entry has been pruned meanwhile, the walk resumes after where it stood (same score and a smaller id,
     * as a sorted set orders ties, then older scores). Returns id, score, id, score, ...
     */
    private static final String INDEX_AFTER = """
            local key, last, score, count = KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3])
            local rank = redis.call('ZREVRANK', key, last)
            if rank then
              return redis.call('ZREVRANGE', key, rank + 1, rank + count, 'WITHSCORES')
            end
            local result = {}
            local ties = redis.call('ZREVRANGEBYSCORE', key, score, score, 'WITHSCORES')
            for i = 1, #ties, 2 do
              if ties[i] < last and #result < count * 2 then
                result[#result + 1] = ties[i]
                result[#result + 1] = ties[i + 1]
              end
            end
            local missing = count - #result / 2
            if missing > 0 then
              local older = redis.call('ZREVRANGEBYSCORE', key, '(' .. score, '-inf', 'WITHSCORES', 'LIMIT', 0, missing)
              for i = 1, #older do
                result[#result + 1] = older[i]
              end
            end
            return result
            """;

    /**
     * Cancels a queued job atomically: only if its record is still exactly what the caller read (so still queued).
     * The cancelled record is kept for the request's result_ttl (read inside Redis: the request holds credentials
     * that never leave it), the credentials are deleted, the job counters updated and waiters are woken. Unless the
     * request's audit_mode is {@code none}, the audit entry ARGV[6] is completed from the request (mode, driver,
     * login, action; never a secret) and the submitting key's name, and appended to the audit trail. 1 done, 0 gone,
     * -1 changed.
     */
    private static final String CANCEL_QUEUED = """
            local current = redis.call('GET', KEYS[1])
            if not current then return 0 end
            if current ~= ARGV[1] then return -1 end
            local keep = tonumber(ARGV[3])
            local request = redis.call('GET', KEYS[2])
            local decoded = nil
            if request then
              local ok, value = pcall(cjson.decode, request)
              if ok and type(value) == 'table' then decoded = value end
            end
            if decoded and type(decoded['result_ttl']) == 'number' then
              keep = math.floor(decoded['result_ttl'])
            end
            local mode = 'metadata'
            if decoded and type(decoded['audit_mode']) == 'string' then mode = decoded['audit_mode'] end
            if mode ~= 'none' then
              local entry = cjson.decode(ARGV[6])
              entry['audit_mode'] = mode
              local owner = redis.call('GET', KEYS[4])
              if owner then entry['api_key'] = owner end
              if decoded then
                entry['driver'] = decoded['driver']
                if decoded['file_transfer'] then entry['action'] = 'file_transfer'
                elseif decoded['config'] then entry['action'] = 'config'
                elseif decoded['command'] then entry['action'] = 'command'
                else entry['action'] = 'driver_args' end
                local args = decoded['connection_args']
                if type(args) == 'table' then
                  entry['port'] = args['port']
                  entry['device_type'] = args['device_type']
                  entry['username'] = args['username']
                end
              end
              redis.call('XADD', KEYS[3], '*', ARGV[7], cjson.encode(entry))
            end
            redis.call('SET', KEYS[1], ARGV[2], 'EX', keep)
            redis.call('DEL', KEYS[2])
            redis.call('ZREM', '$QUEUED', ARGV[5])
            redis.call('HINCRBY', '$JOBS', 'cancelled', 1)
            redis.call('PUBLISH', ARGV[4], ARGV[5] .. '\\n' .. ARGV[2])
            return 1
            """.replace("$QUEUED", RedisKeys.STATS_QUEUED).replace("$JOBS", RedisKeys.STATS_JOBS);

    private final Redis redis;

    public JobStore(Redis redis) {
        this.redis = redis;
    }

    /** The job, or null when it expired or never existed. */
    public Uni<Job> find(String jobId) {
        return findRaw(jobId).map(raw -> raw == null ? null : JobJson.read(raw, Job.class));
    }

    /** The job record as stored (JSON), or null. */
    public Uni<String> findRaw(String jobId) {
        return redis.send(Request.cmd(Command.GET).arg(RedisKeys.job(jobId)))
                .map(response -> response == null ? null : response.toString());
    }

    /** The records of {@code jobIds} in one round trip, in order; null where a record expired. */
    public Uni<List<String>> findAllRaw(List<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Request mget = Request.cmd(Command.MGET);
        jobIds.forEach(id -> mget.arg(RedisKeys.job(id)));
        return redis.send(mget).map(response -> {
            List<String> records = new ArrayList<>(response.size());
            for (Response record : response) {
                records.add(record == null ? null : record.toString());
            }
            return records;
        });
    }

    /** Up to {@code count} index entries after {@code position} (null: from the newest), newest first. */
    public Uni<List<IndexEntry>> indexAfter(IndexEntry position, int count) {
        Request request = position == null
                ? Request.cmd(Command.ZREVRANGE).arg(RedisKeys.JOB_INDEX).arg(0).arg(count - 1).arg("WITHSCORES")
                : Request.cmd(Command.EVAL).arg(INDEX_AFTER).arg(1).arg(RedisKeys.JOB_INDEX).arg(position.jobId())
                        .arg(position.score()).arg(count);
        return redis.send(request).map(JobStore::entries);
    }

    /** Removes index entries whose job record expired. */
    public Uni<Void> prune(List<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Request zrem = Request.cmd(Command.ZREM).arg(RedisKeys.JOB_INDEX);
        jobIds.forEach(zrem::arg);
        return redis.send(zrem).replaceWithVoid();
    }

    /** See {@link #CANCEL_QUEUED}. */
    public Uni<CancelOutcome> cancelQueued(String jobId, String expectedRecord, Job cancelled, int defaultResultTtl) {
        AuditEntry audit = AuditEntry.of(AuditEntry.JOB_CANCELLED, cancelled, null, null);
        return redis.send(Request.cmd(Command.EVAL).arg(CANCEL_QUEUED).arg(4)
                        .arg(RedisKeys.job(jobId)).arg(RedisKeys.jobRequest(jobId)).arg(RedisKeys.AUDIT_STREAM)
                        .arg(RedisKeys.jobOwner(jobId))
                        .arg(expectedRecord).arg(JobJson.write(cancelled)).arg(defaultResultTtl)
                        .arg(RedisKeys.JOB_ENDED_CHANNEL).arg(jobId).arg(JobJson.write(audit))
                        .arg(RedisKeys.AUDIT_ENTRY_FIELD))
                .map(response -> switch (response.toInteger()) {
                    case 1 -> CancelOutcome.CANCELLED;
                    case 0 -> CancelOutcome.GONE;
                    default -> CancelOutcome.CHANGED;
                });
    }

    /** Asks the executor running the job to stop it. */
    public Uni<Void> requestStop(String jobId) {
        return redis.send(Request.cmd(Command.PUBLISH).arg(RedisKeys.JOB_CANCEL_CHANNEL).arg(jobId)).replaceWithVoid();
    }

    public Uni<Void> ping() {
        return redis.send(Request.cmd(Command.PING)).replaceWithVoid();
    }

    private static List<IndexEntry> entries(Response response) {
        List<IndexEntry> entries = new ArrayList<>();
        if (response == null) {
            return entries;
        }
        // RESP2 gives a flat list (id, score, ...); RESP3 may give pairs.
        if (response.size() > 0 && response.get(0).type() == io.vertx.redis.client.ResponseType.MULTI) {
            for (Response pair : response) {
                entries.add(new IndexEntry(pair.get(0).toString(), scoreText(pair.get(1))));
            }
            return entries;
        }
        for (int i = 0; i + 1 < response.size(); i += 2) {
            entries.add(new IndexEntry(response.get(i).toString(), scoreText(response.get(i + 1))));
        }
        return entries;
    }

    private static String scoreText(Response score) {
        return String.valueOf(Math.round(Double.parseDouble(score.toString())));
    }

    /** One entry of the job index: a job id and its creation time in epoch milliseconds. */
    public record IndexEntry(String jobId, String score) {
    }

    public enum CancelOutcome { CANCELLED, GONE, CHANGED }
}
