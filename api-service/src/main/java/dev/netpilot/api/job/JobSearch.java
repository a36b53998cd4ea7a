package dev.netpilot.api.job;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.Pages;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /jobs}: walks the job index newest first, reads the records in chunks (one MGET each), keeps those
 * matching the filter and prunes index entries whose record expired. One request examines at most
 * {@code np.api.list-scan-limit} entries: a page can then hold fewer than {@code limit} jobs and still carry a
 * cursor; the walk is over when no cursor comes back.
 */
@ApplicationScoped
public class JobSearch {

    private static final int FILTERED_CHUNK = 500;

    private final JobStore store;
    private final ApiConfig config;

    public JobSearch(JobStore store, ApiConfig config) {
        this.store = store;
        this.config = config;
    }

    /** A page of jobs and the cursor of the next page (null when the index has been walked to its end). */
    public record Page(List<Job> jobs, String nextCursor) {
    }

    public Uni<Page> search(JobFilter filter, int limit, String cursor) {
        int chunk = filter.isEmpty() ? limit : Math.min(Pages.MAX_LIMIT, Math.max(limit, FILTERED_CHUNK));
        return walk(new Walk(filter, limit, chunk, JobCursor.decode(cursor)));
    }

    /** Visits every index entry created at or after {@code sinceEpochMilli}, newest first, in chunks. */
    public Uni<Void> forEachSince(long sinceEpochMilli, java.util.function.Function<List<Record>, Uni<Void>> visitor) {
        return visitSince(null, sinceEpochMilli, visitor);
    }

    /** A job record as stored (JSON) with its parsed form; {@code raw} is what a compare-and-set must match. */
    public record Record(String raw, Job job) {
    }

    private Uni<Void> visitSince(JobStore.IndexEntry position, long since,
                                 java.util.function.Function<List<Record>, Uni<Void>> visitor) {
        return store.indexAfter(position, Pages.MAX_LIMIT).chain(entries -> {
            List<JobStore.IndexEntry> recent = entries.stream()
                    .filter(entry -> Long.parseLong(entry.score()) >= since).toList();
            if (recent.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return read(recent)
                    .chain(records -> visitor.apply(records.stream().filter(java.util.Objects::nonNull).toList()))
                    .chain(() -> recent.size() < entries.size() || entries.size() < Pages.MAX_LIMIT
                    ? Uni.createFrom().voidItem()
                    : visitSince(recent.get(recent.size() - 1), since, visitor));
        });
    }

    private Uni<Page> walk(Walk walk) {
        int want = Math.min(walk.chunk, config.listScanLimit() - walk.examined);
        return store.indexAfter(walk.position, want).chain(entries -> {
            if (entries.isEmpty()) {
                return Uni.createFrom().item(new Page(walk.found, null));
            }
            return read(entries).chain(records -> {
                for (int i = 0; i < entries.size(); i++) {
                    walk.examined++;
                    walk.position = entries.get(i);
                    Record record = records.get(i);
                    if (record != null && walk.filter.matches(record.job())) {
                        walk.found.add(record.job());
                        if (walk.found.size() == walk.limit) {
                            boolean more = i < entries.size() - 1 || entries.size() == want;
                            return Uni.createFrom().item(new Page(walk.found,
                                    more ? JobCursor.encode(walk.position) : null));
                        }
                    }
                }
                if (entries.size() < want) {
                    return Uni.createFrom().item(new Page(walk.found, null));
                }
                if (walk.examined >= config.listScanLimit()) {
                    return Uni.createFrom().item(new Page(walk.found, JobCursor.encode(walk.position)));
                }
                return walk(walk);
            });
        });
    }

    /** The records of the entries (null where expired), pruning the expired ones from the index. */
    private Uni<List<Record>> read(List<JobStore.IndexEntry> entries) {
        List<String> ids = entries.stream().map(JobStore.IndexEntry::jobId).toList();
        return store.findAllRaw(ids).chain(raws -> {
            List<Record> records = new ArrayList<>(raws.size());
            List<String> expired = new ArrayList<>();
            for (int i = 0; i < raws.size(); i++) {
                String raw = raws.get(i);
                if (raw == null) {
                    expired.add(ids.get(i));
                    records.add(null);
                } else {
                    records.add(new Record(raw, JobJson.read(raw, Job.class)));
                }
            }
            return store.prune(expired).replaceWith(records);
        });
    }

    private static final class Walk {
        final JobFilter filter;
        final int limit;
        final int chunk;
        final List<Job> found = new ArrayList<>();
        JobStore.IndexEntry position;
        int examined;

        Walk(JobFilter filter, int limit, int chunk, JobStore.IndexEntry position) {
            this.filter = filter;
            this.limit = limit;
            this.chunk = chunk;
            this.position = position;
        }
    }
}
