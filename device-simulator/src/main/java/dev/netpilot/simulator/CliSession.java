package dev.netpilot.simulator;

/**
 * The command interpreter of one SSH channel, fed one entered line at a time. It never touches the
 * network: the tty ({@code Terminal}) does echo, line editing and paging, and prints each {@link Reply}.
 * Calls for one session never overlap.
 */
public interface CliSession {

    /** What the device prints when the shell opens (banner), and the first prompt. */
    Reply greeting();

    /** The user pressed Enter after typing {@code line}. */
    Reply line(String line);

    /** Ctrl-Z after typing {@code line}; null when the key means nothing in the current mode. */
    Reply ctrlZ(String line);

    /** Runs one command for an exec request ({@code ssh host "command"}): its output only, no prompt. */
    String exec(String command);

    /** How the tty pauses long replies on this device. */
    default Pager pager() {
        return Pager.CISCO;
    }

    /** The channel closed. */
    void close();
}
