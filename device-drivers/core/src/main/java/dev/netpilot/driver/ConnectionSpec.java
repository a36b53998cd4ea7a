package dev.netpilot.driver;

import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.driver.ssh.SshOptions;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how to log in, read from a request's {@code connection_args} (netmiko's argument names; the SSH
 * options also under paramiko's, see {@link SshOptions}). {@link #toString()} never shows a password, secret
 * or key.
 *
 * @param connectTimeout TCP connect plus SSH key exchange ({@code conn_timeout}, default 10 s)
 * @param authTimeout    authentication ({@code auth_timeout}, default 10 s)
 * @param ssh            keys, algorithms, host-key policy, jump host, banner timeout
 * @param args           the request's {@code connection_args} as sent, for drivers that read more than the fields
 *                       above (eAPI's {@code transport}, {@code ca_file}); empty when built without them
 */
public record ConnectionSpec(String host, int port, String username, String password, String secret,
                             String deviceType, Duration connectTimeout, Duration authTimeout, SshOptions ssh,
                             Map<String, Object> args) {

    public ConnectionSpec {
        args = args == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** A login with the default SSH options (password only, host keys checked with {@code accept-new}). */
    public ConnectionSpec(String host, int port, String username, String password, String secret,
                          String deviceType, Duration connectTimeout, Duration authTimeout) {
        this(host, port, username, password, secret, deviceType, connectTimeout, authTimeout, SshOptions.DEFAULT,
                Map.of());
    }

    public static final int DEFAULT_PORT = 22;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);

    public static ConnectionSpec from(Map<String, Object> args) {
        String host = string(args, "host");
        if (host == null || host.isBlank()) {
            throw new InvalidArgumentException("'host' in connection_args is required");
        }
        // NAPALM clients put port and secret in optional_args; a top-level value wins
        Map<?, ?> optional = args.get("optional_args") instanceof Map<?, ?> given ? given : Map.of();
        boolean optionalPort = args.get("port") == null && optional.get("port") != null;
        Object secret = args.get("secret") != null ? args.get("secret") : optional.get("secret");
        return new ConnectionSpec(host,
                integer(optionalPort ? "connection_args.optional_args.port" : "connection_args.port",
                        optionalPort ? optional.get("port") : args.get("port"), DEFAULT_PORT, 1, 65535),
                string(args, "username"),
                string(args, "password"),
                secret == null ? null : secret.toString(),
                string(args, "device_type"),
                seconds(args, "conn_timeout", DEFAULT_CONNECT_TIMEOUT),
                seconds(args, "auth_timeout", DEFAULT_AUTH_TIMEOUT),
                SshOptions.from(args), args);
    }

    /** {@code host:port}, the way errors name a device. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "ConnectionSpec[" + username + "@" + address() + ", device_type=" + deviceType
                + (ssh.jump() == null ? "" : ", via " + ssh.jump().address()) + "]";
    }

    /** The argument as text, or null when absent. */
    public static String string(Map<String, Object> args, String key) {
        Object value = args.get(key);
        return value == null ? null : value.toString();
    }

    /** The argument as a whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    public static int integer(Map<String, Object> args, String key, int fallback, int min, int max) {
        return integer("connection_args." + key, args.get(key), fallback, min, max);
    }

    private static int integer(String name, Object value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name + " must be a whole number from " + min + " to " + max
                    + ", got '" + value + "'");
        }
    }

    /** The argument as a number of seconds (above 0, at most a day), or {@code fallback} when absent. */
    public static Duration seconds(Map<String, Object> args, String key, Duration fallback) {
        return seconds("connection_args." + key, args.get(key), fallback);
    }

    /**
     * {@code value} as a number of seconds (above 0, at most a day), or {@code fallback} when null; {@code name}
     * (e.g. {@code driver_args.timeout}) names it in the error.
     */
    public static Duration seconds(String name, Object value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            double number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
            if (!(number > 0) || number > 86400) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(number * 1000));
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name + " must be a number of seconds above 0 and at most 86400, got '"
                    + value + "'");
        }
    }
}
