package dev.netpilot.driver;

import dev.netpilot.job.CommandResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A live login on one device. Operations run one at a time, in the order they are called; callers never see
 * raw channels. A device error (a rejected command) is a {@link CommandResult} with {@code exit_status} 1;
 * a broken session or a timeout fails the stage with a {@link DriverException}.
 */
public interface DeviceSession {

    /** Runs one command and reads its whole output. */
    CompletionStage<CommandResult> send(String command, CommandOptions options);

    /** Enters the privileged level (Cisco {@code enable}), answering the password prompt with the secret. */
    CompletionStage<Void> enable();

    /**
     * Pushes config lines in config mode, stopping at the first line the device rejects; the lines after it are
     * reported as skipped. Always leaves config mode; saves the configuration when {@code save} is true and all
     * lines were accepted.
     */
    CompletionStage<List<CommandResult>> sendConfig(List<String> lines, CommandOptions options, boolean save);

    /**
     * A deep check that the device still answers: a harmless exchange (an empty line that must bring the prompt
     * back) within {@code timeout}. Catches sessions whose TCP connection looks up but whose device is gone.
     */
    CompletionStage<Void> probe(java.time.Duration timeout);

    /**
     * What the session knows about the device, for connection tests ({@code POST /device/test}): NetPulse's keys
     * where they apply ({@code prompt}, {@code device_type}, {@code remote_version} for the SSH server banner,
     * {@code transport}). None by default; never secrets.
     */
    default Map<String, Object> facts() {
        return Map.of();
    }

    /** Whether the underlying connection is still up. */
    boolean isOpen();

    /** Logs out politely when possible and closes the connection; never fails. */
    CompletionStage<Void> close();

    /**
     * Does a whole job's work and returns its result entries. The default serves CLI sessions: enable when asked,
     * then the commands one by one or the config push. A device or connection failure becomes an entry with
     * {@code exit_status} 1 (with the lines after it reported as skipped) and closes the session, whose state is
     * then unknown; an {@link DriverException.InvalidArgumentException} fails the stage. Drivers whose work is not
     * a list of CLI lines (file transfers, config sessions, HTTP APIs) override this.
     */
    default CompletionStage<List<CommandResult>> run(DeviceJob job) {
        return CliJobs.run(this, job);
    }
}
