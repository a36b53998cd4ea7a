package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.Map;

/**
 * A connection test ({@code POST /device/test}) as it crosses Redis: the API hands the {@link Request} to any
 * executor (the request, with its credentials, in {@link RedisKeys#deviceTestRequest}), which logs in, gathers what
 * the session tells about the device, logs out and writes the {@link Outcome} ({@link RedisKeys#deviceTestResult}).
 */
public final class DeviceTest {

    private DeviceTest() {
    }

    /**
     * What to test.
     *
     * @param credential     where the login secret is ({@code credential} as on jobs), resolved by the executor, or null
     * @param timeoutSeconds the whole test (waiting for a session slot, login, gathering) must end within this
     */
    public record Request(DriverName driver, @JsonProperty("connection_args") Map<String, Object> connectionArgs,
                          Map<String, Object> credential, @JsonProperty("timeout") double timeoutSeconds) {
    }

    /**
     * NetPulse's {@code ConnectionTestResponse}: {@code success}, {@code latency} (seconds), {@code error}
     * (null on success), {@code result} (null on failure: the driver, the host and what the session told) and
     * {@code timestamp}.
     */
    @JsonPropertyOrder({"success", "latency", "error", "result", "timestamp"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Outcome(boolean success, Double latency, String error, Map<String, Object> result,
                          @Job.Timestamp Instant timestamp) {

        public static Outcome failed(String error, Double latency) {
            return new Outcome(false, latency, error, null, Instant.now());
        }
    }
}
