package dev.netpilot.driver.napalm;

import dev.netpilot.driver.DriverException.InvalidArgumentException;

import java.util.Map;

/**
 * The {@code driver_args} of a napalm config job.
 *
 * @param replace  the lines are the whole configuration (NAPALM's load_replace_candidate) rather than a merge
 * @param message  the commit comment, or null
 * @param revertIn seconds after which the device rolls the commit back unless it is confirmed, or null
 */
record ConfigArgs(boolean replace, String message, Integer revertIn) {

    static final ConfigArgs MERGE = new ConfigArgs(false, null, null);

    /** @throws InvalidArgumentException naming the key and what to fix */
    static ConfigArgs from(Map<String, Object> driverArgs, NapalmPlatform platform) {
        ConfigArgs args = new ConfigArgs(bool(driverArgs.get("replace")), message(driverArgs.get("message")),
                revertIn(driverArgs.get("revert_in")));
        platform.check(args);
        return args;
    }

    private static boolean bool(Object value) {
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        if ("true".equalsIgnoreCase(value.toString()) || "false".equalsIgnoreCase(value.toString())) {
            return Boolean.parseBoolean(value.toString());
        }
        throw new InvalidArgumentException("driver_args.replace must be true or false, got '" + value + "'");
    }

    private static String message(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String message = value.toString().strip();
        if (message.contains("\n") || message.contains("\r")) {
            throw new InvalidArgumentException("driver_args.message must be one line");
        }
        return message;
    }

    private static Integer revertIn(Object value) {
        if (value == null) {
            return null;
        }
        try {
            long seconds = value instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue()
                    : Long.parseLong(value.toString().trim());
            if (seconds < 1 || seconds > 604800) {
                throw new NumberFormatException();
            }
            return (int) seconds;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("driver_args.revert_in must be a whole number of seconds from 1 to "
                    + "604800, got '" + value + "'");
        }
    }
}
