package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A driver name clients send. NetPulse's wire names ({@link #NETMIKO}, ...) name Java drivers with the same
 * behaviour; a plugin driver brings its own name. Only the form is checked here: which names exist is known where
 * the drivers are (the executors, which announce their names to the API).
 */
public record DriverName(String wire) {

    public static final DriverName NETMIKO = new DriverName("netmiko");
    public static final DriverName NAPALM = new DriverName("napalm");
    public static final DriverName PYEAPI = new DriverName("pyeapi");
    public static final DriverName PARAMIKO = new DriverName("paramiko");

    /** NetPulse's driver names. */
    public static final List<DriverName> NETPULSE = List.of(NETMIKO, NAPALM, PYEAPI, PARAMIKO);

    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** The name as sent; one of NetPulse's names gives its constant. */
    @JsonCreator
    public static DriverName fromWire(String value) {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a driver name: use netmiko, napalm, pyeapi, "
                    + "paramiko or a plugin driver's name (lower-case letters, digits, '_', '.', '-')");
        }
        return NETPULSE.stream().filter(name -> name.wire.equals(value)).findFirst()
                .orElseGet(() -> new DriverName(value));
    }

    @Override
    public String toString() {
        return wire;
    }
}
