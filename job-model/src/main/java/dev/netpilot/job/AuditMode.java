package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much of a job the audit trail keeps ({@code audit_mode} of a request): {@code full} adds the commands'
 * outputs (secrets masked), {@code metadata} (the default) keeps who, what, when, where and the outcome,
 * {@code none} writes nothing.
 */
public enum AuditMode {
    FULL("full"),
    METADATA("metadata"),
    NONE("none");

    /** The mode of a request that names none. */
    public static final AuditMode DEFAULT = METADATA;

    private final String wire;

    AuditMode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static AuditMode fromWire(String value) {
        for (AuditMode mode : values()) {
            if (mode.wire.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("audit_mode must be full, metadata or none, got '" + value + "'");
    }
}
