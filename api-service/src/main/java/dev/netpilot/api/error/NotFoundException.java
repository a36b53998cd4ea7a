package dev.netpilot.api.error;

/** The thing asked for does not exist (any more). Answered with 404; the message says why it may be gone. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
