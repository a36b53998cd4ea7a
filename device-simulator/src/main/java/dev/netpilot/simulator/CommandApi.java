package dev.netpilot.simulator;

import java.util.List;
import java.util.Map;

/**
 * A device's JSON-RPC command API (Arista eAPI {@code runCmds}), served over HTTP(S) by {@link EapiServer}. It runs
 * on the same device state as the SSH personality: a configuration pushed here shows in the SSH session and back.
 */
public interface CommandApi {

    /**
     * One entry of {@code cmds}: the command, and the answer to the question it asks (the enable password) or null.
     */
    record Command(String cmd, String input) {
    }

    /**
     * What {@code runCmds} answered. {@code data} holds one object per command that ran, in order; when a command
     * failed, the last one is the failed command's, holding {@code errors}, and {@code errorCode} is eAPI's code
     * (1002 invalid command, ...), otherwise 0.
     */
    record Outcome(List<Map<String, Object>> data, int errorCode, String errorMessage) {

        public boolean failed() {
            return errorCode != 0;
        }
    }

    /**
     * Runs {@code commands} one after another in a new CLI session that starts unprivileged, stopping at the first
     * that fails. {@code json} asks for each command's JSON model; otherwise each result is {@code {"output": text}}.
     */
    Outcome runCmds(List<Command> commands, boolean json, SessionContext context);
}
