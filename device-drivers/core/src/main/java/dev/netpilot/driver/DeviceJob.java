package dev.netpilot.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one job asks of a device session, read from its request: the lines to run (commands, or config when
 * {@code config}), the request flags, the parsed {@link CommandOptions} and the raw {@code driver_args} and
 * {@code file_transfer} objects for the drivers that take more than the common options.
 *
 * @param jobId        the job's id (names files and tasks a driver leaves behind)
 * @param spec         where the session is logged in (for result metadata and messages)
 * @param lines        the commands or config lines, in order
 * @param config       whether {@code lines} are a config push
 * @param enable       {@code enable_mode}: escalate before running
 * @param save         {@code save}: save the configuration after a successful push
 * @param dryRun       {@code dry_run}: show what a config push would change, never change the device
 * @param options      the common options parsed from {@code driver_args}
 * @param driverArgs   the request's {@code driver_args} as sent (empty when none)
 * @param fileTransfer the request's {@code file_transfer} object, or null
 * @param stagedFile   the file uploaded with the request (multipart), staged on this executor, or null
 * @param detach       {@code detach}: start the command as a detached task that outlives the job (drivers that
 *                     support it; the task id is derived from the job id)
 */
public record DeviceJob(String jobId, ConnectionSpec spec, List<String> lines, boolean config, boolean enable,
                        boolean save, boolean dryRun, CommandOptions options, Map<String, Object> driverArgs,
                        Map<String, Object> fileTransfer, Path stagedFile, boolean detach) {

    public DeviceJob {
        lines = List.copyOf(lines);
        driverArgs = driverArgs == null ? Map.of() : driverArgs;
    }

    /** A job that is not detached. */
    public DeviceJob(String jobId, ConnectionSpec spec, List<String> lines, boolean config, boolean enable,
                     boolean save, boolean dryRun, CommandOptions options, Map<String, Object> driverArgs,
                     Map<String, Object> fileTransfer, Path stagedFile) {
        this(jobId, spec, lines, config, enable, save, dryRun, options, driverArgs, fileTransfer, stagedFile, false);
    }
}
