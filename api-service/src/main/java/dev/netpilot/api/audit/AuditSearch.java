package dev.netpilot.api.audit;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.Pages;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.job.AuditEntry;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /audit}: reads the audit stream newest first between {@code until} and {@code since}, in chunks, and
 * keeps the entries that match. One request examines at most {@code np.api.list-scan-limit} entries: a page can
 * then hold fewer than {@code limit} entries and still carry a cursor; the walk is over when no cursor comes back.
 * The cursor is the last stream id examined, opaque to clients.
 */
@ApplicationScoped
public class AuditSearch {

    private static final int FILTERED_CHUNK = 500;

    private final Redis redis;
    private final ApiConfig config;

    public AuditSearch(Redis redis, ApiConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** A page of entries and the cursor of the next page (null when the range has been walked to its end). */
    public record Page(List<AuditEntry> entries, String nextCursor) {
    }

    public Uni<Page> search(AuditFilter filter, int limit, String cursor) {
        String after = decode(cursor);
        String high = after != null ? "(" + after
                : filter.until() == null ? "+" : String.valueOf(filter.until().toEpochMilli());
        String low = filter.since() == null ? "-" : String.valueOf(filter.since().toEpochMilli());
        int chunk = filter.matchesAllInRange() ? limit : Math.min(Pages.MAX_LIMIT, Math.max(limit, FILTERED_CHUNK));
        return walk(filter, limit, chunk, high, low, new ArrayList<>(), 0);
    }

    private Uni<Page> walk(AuditFilter filter, int limit, int chunk, String high, String low, List<AuditEntry> found,
                           int examined) {
        int want = Math.min(chunk, config.listScanLimit() - examined);
        return redis.send(Request.cmd(Command.XREVRANGE).arg(RedisKeys.AUDIT_STREAM).arg(high).arg(low)
                .arg("COUNT").arg(want)).chain(response -> {
            int seen = examined;
            String last = null;
            int size = response == null ? 0 : response.size();
            for (int i = 0; i < size; i++) {
                Response item = response.get(i);
                last = item.get(0).toString();
                seen++;
                AuditEntry entry = read(last, item.get(1));
                if (entry != null && filter.matches(entry)) {
                    found.add(entry);
                    if (found.size() == limit) {
                        boolean more = i < size - 1 || size == want;
                        return Uni.createFrom().item(new Page(found, more ? encode(last) : null));
                    }
                }
            }
            if (size < want) {
                return Uni.createFrom().item(new Page(found, null));
            }
            if (seen >= config.listScanLimit()) {
                return Uni.createFrom().item(new Page(found, encode(last)));
            }
            return walk(filter, limit, chunk, "(" + last, low, found, seen);
        });
    }

    private static AuditEntry read(String id, Response fields) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (RedisKeys.AUDIT_ENTRY_FIELD.equals(fields.get(i).toString())) {
                try {
                    return JobJson.read(fields.get(i + 1).toString(), AuditEntry.class).withId(id);
                } catch (RuntimeException e) {
                    Log.warnf("Skipped the unreadable audit entry %s: %s", id, e.getClass().getSimpleName());
                    return null;
                }
            }
        }
        return null;
    }

    static String encode(String streamId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(streamId.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!id.matches("\\d+-\\d+")) {
                throw new IllegalArgumentException("not a stream id");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.ofQuery("cursor", "not a cursor this API returned; pass the value of "
                    + "the previous answer's X-Next-Cursor header unchanged, or start again without cursor");
        }
    }
}
