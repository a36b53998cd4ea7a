package dev.netpilot.textfsm;

/**
 * The template text is not valid TextFSM. The message is the one Python textfsm gives (it names the template
 * line where Python does); {@link #line()} is the 1-based template line, or 0 when the error concerns the whole
 * template (a missing {@code Start} state, an undefined destination state).
 */
public final class TextFsmTemplateException extends TextFsmException {

    private final int line;

    TextFsmTemplateException(String message, int line) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
