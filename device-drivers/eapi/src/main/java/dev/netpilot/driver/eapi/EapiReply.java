package dev.netpilot.driver.eapi;

import java.util.List;
import java.util.Map;

/**
 * A device's answer to {@code runCmds}: one result object per command that ran. When a command failed, eAPI stops
 * there: {@code data}'s last object is the failed command's (with its {@code errors}), and {@code code} and
 * {@code message} are eAPI's (1002 invalid command, 1003 no JSON form, 1000 could not run...); otherwise code is 0.
 */
record EapiReply(List<Map<String, Object>> data, int code, String message) {

    /** eAPI's code for a command that has no JSON form ("unconverted command"). */
    static final int UNCONVERTED = 1003;

    boolean failed() {
        return code != 0;
    }

    /** Index of the command that failed (the last one that ran). */
    int failedIndex() {
        return data.size() - 1;
    }

    /** The failed command's {@code errors}, or an empty list. */
    List<String> errors() {
        Object errors = failed() && !data.isEmpty() ? data.get(failedIndex()).get("errors") : null;
        return errors instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** What the device said about the failure, as pyeapi words it: {@code Error [1002]: <message> [<errors>]}. */
    String describe() {
        List<String> errors = errors();
        return "Error [" + code + "]: " + message + (errors.isEmpty() ? "" : " [" + String.join(", ", errors) + "]");
    }
}
