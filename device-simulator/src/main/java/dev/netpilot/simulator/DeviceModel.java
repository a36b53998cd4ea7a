package dev.netpilot.simulator;

/** The state of one simulated device as its personality keeps it. Shared by all of the device's sessions. */
public interface DeviceModel {

    /** Current hostname (configuration may change it). */
    String hostname();

    /** Current running configuration, as 'show running-config' prints its body, with {@code \n} line ends. */
    String runningConfig();

    /** Opens the command interpreter for a new shell or exec request on this device. */
    CliSession openSession(SessionContext context);

    /** The device's JSON-RPC command API (Arista eAPI), or null when the platform has none. */
    default CommandApi commandApi() {
        return null;
    }
}
