package dev.netpilot.credential;

/**
 * A credential could not be resolved (unknown provider, path not allowed, secret missing, access denied). The job
 * fails with this message, which names paths and keys but never a secret value.
 */
public class CredentialException extends RuntimeException {

    public CredentialException(String message) {
        super(message);
    }
}
