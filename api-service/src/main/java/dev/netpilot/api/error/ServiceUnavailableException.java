package dev.netpilot.api.error;

/** The request is fine but nothing can serve it now (no executor is running, for example). Answered with 503. */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String message) {
        super(message);
    }
}
