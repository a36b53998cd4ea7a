package dev.netpilot.api.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.netpilot.job.Job;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /batches/{batch_id}}.
 *
 * @param counts   jobs by status ({@code queued}, {@code started}, {@code finished}, {@code failed},
 *                 {@code cancelled}) plus {@code expired} for jobs whose record is gone
 * @param done     true when no job is queued or started any more
 * @param jobs     the job ids, in device order
 * @param notQueued the devices whose job could not be queued, with the reason
 */
@JsonPropertyOrder({"batch_id", "created_at", "total", "counts", "done", "jobs", "not_queued"})
public record BatchProgress(@JsonProperty("batch_id") String batchId,
                            @JsonProperty("created_at") @Job.Timestamp Instant createdAt,
                            int total,
                            Map<String, Integer> counts,
                            boolean done,
                            List<String> jobs,
                            @JsonProperty("not_queued") List<BulkResponse.Failure> notQueued) {
}
