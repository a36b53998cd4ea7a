package dev.netpilot.api.auth;

import dev.netpilot.job.ExecutionRequest;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What an API key may do. {@link #ADMIN} implies every other scope. */
public enum Scope {
    /** Every GET: jobs, batches, workers, stats. */
    READ("read"),
    /** Jobs that run commands. */
    EXEC("exec"),
    /** Jobs that push configuration or transfer files. */
    CONFIG("config"),
    /** Workers, cancelling jobs other keys submitted, cancelling every queued job of a host or queue. */
    ADMIN("admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The scope a job needs: {@code config} for config pushes and file transfers, {@code exec} otherwise. */
    public static Scope neededFor(ExecutionRequest request) {
        return request.config() != null || request.fileTransfer() != null ? CONFIG : EXEC;
    }

    /** The scope named {@code value}, or an {@link IllegalArgumentException} that lists the valid names. */
    public static Scope fromWire(String value) {
        for (Scope scope : values()) {
            if (scope.wire.equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + value + "'; use " + allNames());
    }

    public static String allNames() {
        return Arrays.stream(values()).map(Scope::wire).collect(Collectors.joining(", "));
    }
}
