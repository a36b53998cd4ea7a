package dev.netpilot.driver.cli;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.job.CommandResult;

import java.util.concurrent.CompletionStage;

/**
 * A session of the CLI engine as drivers built on it see it: besides the {@link DeviceSession} operations, single
 * lines at whatever level the session is in, for flows the engine's own config push does not cover (config
 * sessions with a diff before the commit).
 */
public interface CliSession extends DeviceSession {

    /** The platform the session speaks. */
    Platform platform();

    /**
     * Sends one line and reads until any prompt of the platform (a commit may change the hostname), staying at the
     * level the line leads to (config mode is not left). The output is cleaned as {@link #send}'s; a line whose
     * output holds an error marker (the platform's, or {@code options.errorPattern()}) gives {@code exit_status} 1.
     * The device's questions are answered from {@code options.expectMap()} only.
     */
    CompletionStage<CommandResult> sendLine(String line, CommandOptions options);
}
