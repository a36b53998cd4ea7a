package dev.netpilot.driver.cli;

import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.driver.cli.Platform.PrivilegeLevel;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The platform definitions, by {@code device_type}. */
public final class Platforms {

    public static final String EXEC = "exec";
    public static final String PRIVILEGED = "privileged";
    public static final String CONFIGURATION = "configuration";

    private static final Map<String, Platform> BY_NAME = new TreeMap<>();

    static {
        register(new Platform(
                "cisco_ios",
                Pattern.compile("[\\w.\\-/:@]+(?:\\([\\w.\\-/]+\\))?[>#]\\s*"),
                Pattern.compile("([^\\s(>#]+)(?:\\([^)]*\\))?[>#]\\s*"),
                "{host}(?:\\([\\w.\\-/]+\\))?[>#]\\s*",
                List.of(
                        new PrivilegeLevel(EXEC, Pattern.compile("[^\\s(]+>\\s*"), null, null, false),
                        new PrivilegeLevel(PRIVILEGED, Pattern.compile("[^\\s(]+#\\s*"), "enable", "disable", true),
                        new PrivilegeLevel(CONFIGURATION, Pattern.compile("[^\\s(]+\\(config[^)]*\\)#\\s*"),
                                "configure terminal", "end", false)),
                Pattern.compile("(?i).*ssword:?\\s*"),
                List.of("terminal width 511", "terminal length 0"),
                Pattern.compile(".*--More--\\s*"),
                " ",
                Pattern.compile(" *--More-- *(?:\\x08+ *\\x08+)?"),
                "write memory",
                List.of("% Invalid input detected", "% Incomplete command", "% Ambiguous command",
                        "% Unknown command", "% Unrecognized command", "%Error", "% Bad IP address"),
                "exit"));
    }

    private Platforms() {
    }

    private static void register(Platform platform) {
        BY_NAME.put(platform.name(), platform);
    }

    public static Platform byName(String deviceType) {
        if (deviceType == null || deviceType.isBlank()) {
            throw new InvalidArgumentException("connection_args.device_type is required; use one of " + BY_NAME.keySet());
        }
        Platform platform = BY_NAME.get(deviceType);
        if (platform == null) {
            throw new InvalidArgumentException("device_type '" + deviceType + "' is not supported; use one of "
                    + BY_NAME.keySet());
        }
        return platform;
    }
}
