package dev.netpilot.textfsm;

/** The options a {@code Value} line may carry, e.g. {@code Value Filldown,Required NAME (\S+)}. */
public enum ValueOption {
    /** Keeps its value from record to record until cleared by {@code Clearall}. */
    FILLDOWN("Filldown"),
    /** Once matched, fills the same column of earlier records back up to the last one that has a value. */
    FILLUP("Fillup"),
    /** Part of the record's key: CliTable merges the results of several templates on the key columns. */
    KEY("Key"),
    /** Collects every match of the record into a list (of maps when the regex has nested named groups). */
    LIST("List"),
    /** A record without a value here is dropped. */
    REQUIRED("Required");

    private final String templateName;

    ValueOption(String templateName) {
        this.templateName = templateName;
    }

    /** The spelling in a template. */
    public String templateName() {
        return templateName;
    }

    static ValueOption fromTemplateName(String name) {
        for (ValueOption option : values()) {
            if (option.templateName.equals(name)) {
                return option;
            }
        }
        return null;
    }
}
