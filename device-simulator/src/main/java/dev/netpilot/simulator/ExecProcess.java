package dev.netpilot.simulator;

/**
 * A command started by an exec request ({@code ssh host 'command'}): it may read its input as it arrives, prints
 * to stdout and stderr, and ends with an exit code. Calls for one process never overlap.
 */
public interface ExecProcess {

    /** The command starts; what it prints before it needs any input. */
    Output start();

    /** A chunk of input arrived (typed answers, a script, a password). */
    Output input(String text);

    /** The client closed the input (EOF). */
    Output endOfInput();

    /**
     * What a process printed since the last call, and whether it ended.
     *
     * @param exitCode the exit code once the process ended, else null
     */
    record Output(String stdout, String stderr, Integer exitCode) {

        public static Output ended(String stdout, int exitCode) {
            return new Output(stdout, "", exitCode);
        }
    }
}
