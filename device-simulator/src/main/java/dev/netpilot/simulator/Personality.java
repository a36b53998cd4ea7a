package dev.netpilot.simulator;

/**
 * A vendor's CLI behaviour. It makes the state of each simulated device; the device in turn makes one
 * {@link CliSession} per shell. The SSH server, the tty (echo, line editing, paging) and the latency
 * are shared by all personalities; only what a device answers differs.
 */
public interface Personality {

    /** The platform name clients use, e.g. {@code cisco_ios}. */
    String platform();

    /** What the SSH server announces after {@code SSH-2.0-}, as the real device does; no blanks (MINA sends nothing then). */
    String sshServerVersion();

    /** Creates the state of device {@code index} (1-based). */
    DeviceModel newDevice(int index, SimulatorConfig config);
}
