package dev.netpilot.templates;

/** No renderer or parser has that name; the message lists the names that exist. */
public final class UnknownEngineException extends TemplateException {

    public UnknownEngineException(String message) {
        super(message);
    }
}
