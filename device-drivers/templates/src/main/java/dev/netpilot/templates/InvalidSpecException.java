package dev.netpilot.templates;

/** A field of a rendering or parsing request has the wrong type or value; {@link #field()} names it. */
public final class InvalidSpecException extends TemplateException {

    private final String field;

    public InvalidSpecException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field's wire name inside the rendering or parsing object, e.g. {@code ntc_template_args}. */
    public String field() {
        return field;
    }
}
