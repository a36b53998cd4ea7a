package dev.netpilot.textfsm;

/** The index cannot be read or has no template for a command, or a template it names is missing. */
public final class CliTableException extends TextFsmException {

    CliTableException(String message) {
        super(message);
    }

    CliTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
