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

    /**
     * The process of an exec request. The default runs {@link #exec} and ends with exit code 0, its output with a
     * vty's line ends, as network devices do; servers override it with real exit codes, stderr and input.
     *
     * @param pty whether the client asked for a pseudo-terminal
     */
    default ExecProcess execProcess(String command, boolean pty) {
        return new ExecProcess() {
            @Override
            public Output start() {
                return Output.ended(exec(command).replace("\n", "\r\n"), 0);
            }

            @Override
            public Output input(String text) {
                return new Output("", "", null);
            }

            @Override
            public Output endOfInput() {
                return new Output("", "", null);
            }
        };
    }

    /** How the tty pauses long replies on this device. */
    default Pager pager() {
        return Pager.CISCO;
    }

    /** The channel closed. */
    void close();
}
