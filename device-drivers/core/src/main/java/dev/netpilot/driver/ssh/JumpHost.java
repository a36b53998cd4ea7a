package dev.netpilot.driver.ssh;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException.InvalidArgumentException;

import java.util.Map;

/**
 * A jump host (bastion) to reach the device through, paramiko's {@code proxy_*} arguments: NetPilot logs in to it,
 * has it open a TCP connection to the device, and runs the device's SSH session over that. {@link #toString()}
 * shows neither the password nor the key.
 *
 * @param username {@code proxy_username}, else the device's username
 * @param key      {@code proxy_pkey} / {@code proxy_key_filename} with {@code proxy_passphrase}, or null
 */
public record JumpHost(String host, int port, String username, String password, SshKey key) {

    /** Reads the {@code proxy_*} arguments; null without {@code proxy_host}. */
    static JumpHost from(Map<String, Object> args) {
        String host = ConnectionSpec.string(args, "proxy_host");
        if (host == null || host.isBlank()) {
            for (String other : new String[] {"proxy_username", "proxy_password", "proxy_pkey", "proxy_key_filename"}) {
                if (args.get(other) != null) {
                    throw new InvalidArgumentException("connection_args." + other + " needs proxy_host: name the jump host");
                }
            }
            return null;
        }
        String username = ConnectionSpec.string(args, "proxy_username");
        return new JumpHost(host.trim(), ConnectionSpec.integer(args, "proxy_port", ConnectionSpec.DEFAULT_PORT, 1, 65535),
                username == null || username.isBlank() ? ConnectionSpec.string(args, "username") : username,
                ConnectionSpec.string(args, "proxy_password"), SshKey.from(args, "proxy_"));
    }

    /** {@code host:port}, the way errors name the jump host. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The login on the jump host: the device's timeouts, algorithms and host-key policy, no further jump. */
    ConnectionSpec spec(ConnectionSpec device) {
        SshOptions ssh = device.ssh();
        return new ConnectionSpec(host, port, username, password, null, null, device.connectTimeout(),
                device.authTimeout(), new SshOptions(key, ssh.algorithms(), ssh.hostKeyPolicy(), ssh.logUncheckedHostKeys(),
                null, ssh.bannerTimeout()), Map.of());
    }

    @Override
    public String toString() {
        return "JumpHost[" + username + "@" + address() + "]";
    }
}
