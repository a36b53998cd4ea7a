package dev.netpilot.driver;

import dev.netpilot.job.CommandResult;

import java.util.concurrent.CompletionException;

/**
 * Base of every driver failure. Messages are meant for the user: they say what went wrong on which device
 * and what to change, and never contain a password or secret.
 */
public class DriverException extends RuntimeException {

    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The result entry of a command that failed with {@code failure}: a driver failure becomes an entry with
     * {@code exit_status} 1 and the message as {@code stderr}; invalid arguments and anything else (bugs) are
     * rethrown, failing the job.
     */
    public static CommandResult entryFor(String command, String host, long startedNanos, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof InvalidArgumentException invalid) {
            throw invalid;
        }
        if (!(cause instanceof DriverException)) {
            throw new CompletionException(cause);
        }
        return CommandResult.error(command, "", cause.getMessage(), CommandResult.timing(host, startedNanos));
    }

    /** The cause under the {@link CompletionException}s that completion stages wrap failures in. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The device could not be reached, or the session broke. */
    public static final class DeviceConnectionException extends DriverException {
        public DeviceConnectionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The device refused the credentials. */
    public static final class AuthenticationException extends DriverException {
        public AuthenticationException(String message) {
            super(message);
        }
    }

    /** The device did not answer with its prompt (or the expected pattern) in time. */
    public static final class CommandTimeoutException extends DriverException {
        public CommandTimeoutException(String message) {
            super(message);
        }
    }

    /** The privilege level (enable, config mode) could not be reached. */
    public static final class PrivilegeException extends DriverException {
        public PrivilegeException(String message) {
            super(message);
        }
    }

    /** The request names a driver, device type or argument that this driver cannot serve. */
    public static final class InvalidArgumentException extends DriverException {
        public InvalidArgumentException(String message) {
            super(message);
        }
    }
}
