package dev.netpilot.textfsm;

/** Base of every error this module raises: a bad template, an {@code Error} action, or an index problem. */
public abstract class TextFsmException extends RuntimeException {

    protected TextFsmException(String message) {
        super(message);
    }

    protected TextFsmException(String message, Throwable cause) {
        super(message, cause);
    }
}
