package dev.netpilot.driver.ssh;

import dev.netpilot.driver.ConnectionSpec;

import java.time.Duration;
import java.util.Map;

/**
 * The SSH options of a connection beyond host, port and password, read from {@code connection_args} under both
 * netmiko's and paramiko's names (see {@code docs/drivers.md}, "Connection options").
 *
 * @param key                  the private key to log in with, or null
 * @param algorithms           legacy algorithms opted into, algorithms disabled
 * @param hostKeyPolicy        how the device's host key is checked
 * @param logUncheckedHostKeys paramiko's {@code warning}: log the fingerprint of the key accepted unchecked
 * @param jump                 the jump host, or null
 * @param bannerTimeout        how long to wait for the device's SSH banner once connected, or null (then only
 *                             {@code conn_timeout} bounds it)
 */
public record SshOptions(SshKey key, Algorithms algorithms, HostKeyPolicy hostKeyPolicy,
                         boolean logUncheckedHostKeys, JumpHost jump, Duration bannerTimeout) {

    /** Password login, default algorithms, {@code accept-new}, direct. */
    public static final SshOptions DEFAULT =
            new SshOptions(null, Algorithms.DEFAULT, HostKeyPolicy.ACCEPT_NEW, false, null, null);

    /** Reads the options from {@code connection_args}. */
    public static SshOptions from(Map<String, Object> args) {
        HostKeyPolicy.Choice policy = HostKeyPolicy.from(args);
        return new SshOptions(SshKey.from(args, ""),
                Algorithms.from(args.get("algorithms"), args.get("disabled_algorithms")),
                policy.policy(), policy.logUnchecked(), JumpHost.from(args),
                ConnectionSpec.seconds(args, "banner_timeout", null));
    }
}
