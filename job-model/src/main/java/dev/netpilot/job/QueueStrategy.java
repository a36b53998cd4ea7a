package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** {@code fifo}: any executor, a fresh connection per job. {@code pinned}: one owner per device, a kept session. */
public enum QueueStrategy {
    FIFO("fifo"),
    PINNED("pinned");

    private final String wire;

    QueueStrategy(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static QueueStrategy fromWire(String value) {
        for (QueueStrategy strategy : values()) {
            if (strategy.wire.equals(value)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a queue strategy; use fifo or pinned");
    }
}
