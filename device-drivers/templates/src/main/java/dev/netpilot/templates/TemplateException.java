package dev.netpilot.templates;

/**
 * A template that cannot be used: it does not compile, fails to render or parse, or its options are wrong. The
 * message says what is wrong and, where it applies, on which template line.
 */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
