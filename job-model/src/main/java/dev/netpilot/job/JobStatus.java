package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of a job: {@code queued -> started -> finished | failed | cancelled}. */
public enum JobStatus {
    QUEUED("queued"),
    STARTED("started"),
    FINISHED("finished"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wire;

    JobStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == CANCELLED;
    }

    @JsonCreator
    public static JobStatus fromWire(String value) {
        for (JobStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown job status '" + value + "'");
    }
}
