package dev.netpilot.api.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.netpilot.job.Job;

import java.time.Instant;
import java.util.List;

/**
 * What Redis keeps of a bulk request ({@code np:batch:<id>}): its job ids in device order and the devices that
 * could not be queued. It expires with the longest life of its jobs. No secrets.
 */
record BatchRecord(@JsonProperty("batch_id") String batchId,
                   @JsonProperty("created_at") @Job.Timestamp Instant createdAt,
                   List<String> jobs,
                   List<BulkResponse.Failure> failed) {
}
