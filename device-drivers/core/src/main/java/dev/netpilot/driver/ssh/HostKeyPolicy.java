package dev.netpilot.driver.ssh;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException.InvalidArgumentException;

import java.util.Locale;
import java.util.Map;

/**
 * What to do with the host key a device shows, against the shared {@link KnownHosts} table
 * ({@code connection_args.host_key_policy}).
 */
public enum HostKeyPolicy {
    /** Trust on first use: the first key seen for a host:port is stored; a different key later is refused. */
    ACCEPT_NEW("accept-new"),
    /** Only a host:port whose key is already known is accepted, and only with that key. */
    STRICT("strict"),
    /** Any key is accepted and nothing is stored (paramiko's {@code warning} also logs the key's fingerprint). */
    OFF("off");

    public final String wireName;

    HostKeyPolicy(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Reads {@code host_key_policy} ({@code accept-new}, {@code strict}, {@code off}, and paramiko's
     * {@code auto_add}, {@code reject}, {@code warning}) or, without it, netmiko's {@code ssh_strict}.
     *
     * @return the policy and whether paramiko's {@code warning} asked for a log line
     */
    static Choice from(Map<String, Object> args) {
        String value = ConnectionSpec.string(args, "host_key_policy");
        if (value == null) {
            Object strict = args.get("ssh_strict");
            boolean isStrict = strict instanceof Boolean b ? b : strict != null && Boolean.parseBoolean(strict.toString());
            return new Choice(isStrict ? STRICT : ACCEPT_NEW, false);
        }
        return switch (value.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "accept-new", "auto-add", "autoadd" -> new Choice(ACCEPT_NEW, false);
            case "strict", "reject" -> new Choice(STRICT, false);
            case "off", "accept-all", "accept-any" -> new Choice(OFF, false);
            case "warning", "warn" -> new Choice(OFF, true);
            default -> throw new InvalidArgumentException("connection_args.host_key_policy '" + value
                    + "' is not a policy: use accept-new (or auto_add), strict (or reject), off, or warning");
        };
    }

    /** A policy as read from the request. */
    record Choice(HostKeyPolicy policy, boolean logUnchecked) {
    }
}
