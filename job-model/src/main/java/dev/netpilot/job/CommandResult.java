package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
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

    /** The metadata every entry starts with: the device, and the seconds (3 decimals) since {@code startedNanos}. */
    public static Map<String, Object> timing(String host, long startedNanos) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("host", host);
        metadata.put("duration_seconds", Math.round((System.nanoTime() - startedNanos) / 1e6) / 1000.0);
        return metadata;
    }

    /** This entry with one more metadata key (or a new value for it). */
    public CommandResult withMetadata(String key, Object value) {
        Map<String, Object> more = metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metadata);
        more.put(key, value);
        return new CommandResult(command, stdout, stderr, exitStatus, downloadUrl, more, parsed);
    }

    /** This entry with the parser's output for its {@code stdout}. */
    public CommandResult withParsed(Object parsedOutput) {
        return new CommandResult(command, stdout, stderr, exitStatus, downloadUrl, metadata, parsedOutput);
    }
}
