package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * One entry of a job's {@code result.retval}: the outcome of one command or config line on a device.
 * A device error is data here ({@code exit_status} 1 and {@code stderr}), never an exception.
 *
 * @param stdout   usually a string; some drivers return structured data
 * @param metadata always holds {@code host} and {@code duration_seconds}
 * @param parsed   the parser's output for {@code stdout} when the job asked for parsing
 */
@JsonPropertyOrder({"command", "stdout", "stderr", "exit_status", "download_url", "metadata", "parsed"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CommandResult(
        String command,
        Object stdout,
        String stderr,
        @JsonProperty("exit_status") int exitStatus,
        @JsonProperty("download_url") String downloadUrl,
        Map<String, Object> metadata,
        Object parsed) {

    public static CommandResult ok(String command, String stdout, Map<String, Object> metadata) {
        return new CommandResult(command, stdout, "", 0, null, metadata, null);
    }

    public static CommandResult error(String command, String stdout, String stderr, Map<String, Object> metadata) {
        return new CommandResult(command, stdout, stderr, 1, null, metadata, null);
    }
}
