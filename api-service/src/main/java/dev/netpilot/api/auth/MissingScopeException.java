package dev.netpilot.api.auth;

/** The API key is valid but may not do what was asked. Answered with 403. */
public class MissingScopeException extends RuntimeException {

    public MissingScopeException(String message) {
        super(message);
    }
}
