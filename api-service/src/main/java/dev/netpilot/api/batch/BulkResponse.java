package dev.netpilot.api.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.netpilot.job.Job;

import java.util.List;

/**
 * The answer of {@code POST /device/bulk}: NetPulse's {@code BatchSubmitJobResponse} ({@code succeeded},
 * {@code failed}) plus the {@code batch_id} that {@code GET /batches/{batch_id}} and {@code GET /jobs?batch_id=}
 * take.
 */
@JsonPropertyOrder({"batch_id", "succeeded", "failed"})
public record BulkResponse(@JsonProperty("batch_id") String batchId, List<Job> succeeded, List<Failure> failed) {

    /** A device whose job could not be queued, and why. */
    public record Failure(String host, String reason) {
    }
}
