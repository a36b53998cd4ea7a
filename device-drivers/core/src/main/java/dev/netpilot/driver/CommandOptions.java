package dev.netpilot.driver;

import dev.netpilot.driver.DriverException.InvalidArgumentException;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How to run commands and config lines: read from a request's {@code driver_args} by {@link #fromDriverArgs}.
 *
 * @param readTimeout   how long the whole output may take before the command fails ({@code read_timeout})
 * @param expectString  a regular expression that ends the output instead of the prompt, or null ({@code expect_string})
 * @param expectMap     questions the device may ask during a command (regex found in the last output line), each
 *                      answered with its line, in map order ({@code expect_map})
 * @param errorPattern  a regular expression that marks a failed command or config line, instead of the platform's
 *                      error markers, or null ({@code error_pattern})
 * @param commitConfirm seconds after which a commit is rolled back unless confirmed, or null for a plain commit
 *                      ({@code commit_confirm}; platforms that commit only)
 */
public record CommandOptions(Duration readTimeout, Pattern expectString, Map<Pattern, String> expectMap,
                             Pattern errorPattern, Integer commitConfirm) {

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public CommandOptions {
        expectMap = expectMap == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(expectMap));
    }

    public CommandOptions(Duration readTimeout, Pattern expectString) {
        this(readTimeout, expectString, Map.of(), null, null);
    }

    public static CommandOptions defaults() {
        return new CommandOptions(DEFAULT_READ_TIMEOUT, null);
    }

    /**
     * Reads {@code read_timeout} (seconds), {@code expect_string} (regex), {@code expect_map} (object of regex to
     * answer), {@code error_pattern} (regex) and {@code commit_confirm} (whole seconds); other keys are ignored.
     *
     * @throws InvalidArgumentException naming the key and what to fix
     */
    public static CommandOptions fromDriverArgs(Map<String, Object> driverArgs) {
        if (driverArgs == null || driverArgs.isEmpty()) {
            return defaults();
        }
        Map<Pattern, String> expectMap = new LinkedHashMap<>();
        Object map = driverArgs.get("expect_map");
        if (map instanceof Map<?, ?> entries) {
            entries.forEach((question, answer) -> expectMap.put(regex("expect_map key", question),
                    answer == null ? "" : answer.toString()));
        } else if (map != null) {
            throw new InvalidArgumentException("driver_args.expect_map must be an object of regular expression to "
                    + "answer, e.g. {\"\\\\[confirm\\\\]\": \"y\"}, got '" + map + "'");
        }
        return new CommandOptions(ConnectionSpec.seconds("driver_args.read_timeout", driverArgs.get("read_timeout"),
                DEFAULT_READ_TIMEOUT),
                regex("expect_string", driverArgs.get("expect_string")), expectMap,
                regex("error_pattern", driverArgs.get("error_pattern")),
                commitConfirm(driverArgs.get("commit_confirm")));
    }

    /** Null and "" mean "not set", as in NetPulse where {@code error_pattern} defaults to "". */
    private static Pattern regex(String key, Object value) {
        if (value == null || value.toString().isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(value.toString());
        } catch (PatternSyntaxException e) {
            throw new InvalidArgumentException("driver_args." + key + " is not a valid regular expression ('" + value
                    + "'): " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static Integer commitConfirm(Object value) {
        if (value == null) {
            return null;
        }
        try {
            long seconds = value instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue()
                    : Long.parseLong(value.toString().trim());
            if (seconds < 1 || seconds > 86400) {
                throw new NumberFormatException();
            }
            return (int) seconds;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("driver_args.commit_confirm must be a whole number of seconds from 1 "
                    + "to 86400, got '" + value + "'");
        }
    }
}
