package dev.netpilot.textfsm;

/**
 * A rule with the {@code Error} action matched: the input is not what the template expects (often a device
 * output format the template does not know yet). The message is Python textfsm's, e.g.
 * {@code Error: "unknown line". Rule Line: 12. Input Line: foo.}
 */
public final class TextFsmParseException extends TextFsmException {

    private final int ruleLine;
    private final String inputLine;

    TextFsmParseException(String message, int ruleLine, String inputLine) {
        super(message);
        this.ruleLine = ruleLine;
        this.inputLine = inputLine;
    }

    /** The template line of the rule that raised the error. */
    public int ruleLine() {
        return ruleLine;
    }

    /** The input line the rule matched. */
    public String inputLine() {
        return inputLine;
    }
}
