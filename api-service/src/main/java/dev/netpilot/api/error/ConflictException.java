package dev.netpilot.api.error;

/** The request is valid but clashes with the current state (a job that already ended, a request in flight). 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
