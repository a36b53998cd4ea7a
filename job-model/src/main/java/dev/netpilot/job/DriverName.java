package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The driver names clients send. They are NetPulse's wire names; behind each one is a Java driver with the
 * same behaviour.
 */
public enum DriverName {
    NETMIKO("netmiko"),
    NAPALM("napalm"),
    PYEAPI("pyeapi"),
    PARAMIKO("paramiko");

    private final String wire;

    DriverName(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static DriverName fromWire(String value) {
        for (DriverName name : values()) {
            if (name.wire.equals(value)) {
                return name;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a driver; use one of " + allNames());
    }

    public static String allNames() {
        return Arrays.stream(values()).map(DriverName::wire).collect(Collectors.joining(", "));
    }
}
