package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The {@code result} of an ended job, in NetPulse's shape.
 *
 * @param type 1 successful, 2 failed, 3 stopped, 4 retried
 */
@JsonPropertyOrder({"type", "retval", "error"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobResult(int type, List<CommandResult> retval, JobError error) {

    public static final int SUCCESSFUL = 1;
    public static final int FAILED = 2;
    public static final int STOPPED = 3;

    public static JobResult successful(List<CommandResult> entries) {
        return new JobResult(SUCCESSFUL, entries, null);
    }

    public static JobResult failed(String errorType, String message) {
        return new JobResult(FAILED, null, new JobError(errorType, message));
    }
}
