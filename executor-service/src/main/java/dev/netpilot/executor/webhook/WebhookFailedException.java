package dev.netpilot.executor.webhook;

/** A delivery attempt the receiver did not accept; the message names the status or network error, never a secret. */
public class WebhookFailedException extends RuntimeException {

    public WebhookFailedException(String message) {
        super(message, null, false, false);
    }
}
