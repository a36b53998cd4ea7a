package dev.netpilot.simulator;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What to simulate: how many devices, where they listen, how they log in and behave. Immutable. */
public final class SimulatorConfig {

    /** {@link #eapi()}: Arista devices serve eAPI over HTTPS with a self-signed certificate. */
    public static final String EAPI_HTTPS = "https";
    /** {@link #eapi()}: Arista devices serve eAPI over plain HTTP. */
    public static final String EAPI_HTTP = "http";
    /** {@link #eapi()}: no eAPI. */
    public static final String EAPI_OFF = "off";

    private final int devices;
    private final int basePort;
    private final String bindAddress;
    private final String platform;
    private final String username;
    private final String password;
    private final String enableSecret;
    private final Duration latency;
    private final boolean pagingLocked;
    private final int interfaces;
    private final String hostnamePrefix;
    private final int maxSessions;
    private final Path hostKeyFile;
    private final List<PublicKey> authorizedKeys;
    private final boolean legacySsh;
    private final boolean jumpHost;
    private final int timeScale;
    private final String eapi;

    private SimulatorConfig(Builder b) {
        devices = b.devices;
        basePort = b.basePort;
        bindAddress = b.bindAddress;
        platform = b.platform;
        username = b.username;
        password = b.password;
        enableSecret = b.enableSecret;
        latency = b.latency;
        pagingLocked = b.pagingLocked;
        interfaces = b.interfaces;
        hostnamePrefix = b.hostnamePrefix;
        maxSessions = b.maxSessions;
        hostKeyFile = b.hostKeyFile;
        authorizedKeys = List.copyOf(b.authorizedKeys);
        legacySsh = b.legacySsh;
        jumpHost = b.jumpHost;
        timeScale = b.timeScale;
        eapi = b.eapi;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of simulated devices. */
    public int devices() {
        return devices;
    }

    /** Port of the first device (device i listens on basePort + i - 1); 0 picks free ports. */
    public int basePort() {
        return basePort;
    }

    public String bindAddress() {
        return bindAddress;
    }

    /** Personality name, e.g. {@code cisco_ios}, or a comma-separated list that devices cycle through. */
    public String platform() {
        return platform;
    }

    /** The personalities in {@link #platform()}, in order. */
    public List<String> platforms() {
        return List.of(platform.split(","));
    }

    /** Personality of device {@code index} (1-based): the list is cycled through, device 1 gets the first. */
    public String platform(int index) {
        List<String> all = platforms();
        return all.get((index - 1) % all.size());
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String enableSecret() {
        return enableSecret;
    }

    /** Delay before every reply to an entered line. */
    public Duration latency() {
        return latency;
    }

    /** When true, {@code terminal length 0} is accepted but paging stays on. */
    public boolean pagingLocked() {
        return pagingLocked;
    }

    /** Number of GigabitEthernet interfaces each device starts with. */
    public int interfaces() {
        return interfaces;
    }

    public String hostnamePrefix() {
        return hostnamePrefix;
    }

    /** VTY lines per device: SSH sessions beyond this many are refused. */
    public int maxSessions() {
        return maxSessions;
    }

    /** Host key to load instead of generating one in memory; null when generated. */
    public Path hostKeyFile() {
        return hostKeyFile;
    }

    /** Public keys that log in as {@link #username()} (besides the password); none by default. */
    public List<PublicKey> authorizedKeys() {
        return authorizedKeys;
    }

    /**
     * When true, the devices speak SSH like an old IOS 12 only: key exchange {@code diffie-hellman-group1-sha1},
     * cipher {@code 3des-cbc}, MAC {@code hmac-sha1}, an {@code ssh-rsa} host key.
     */
    public boolean legacySsh() {
        return legacySsh;
    }

    /** When true, the devices act as jump hosts: they open TCP connections to loopback addresses for clients. */
    public boolean jumpHost() {
        return jumpHost;
    }

    /**
     * How many times faster than real time the devices' timers run (a confirmed commit's automatic rollback): 60 makes
     * Junos' {@code commit confirmed 1} roll back after one second. 1 is real time.
     */
    public int timeScale() {
        return timeScale;
    }

    /**
     * How devices with an eAPI ({@code arista_eos}) serve it, each on a port of its own: {@link #EAPI_HTTPS} (the
     * default), {@link #EAPI_HTTP} or {@link #EAPI_OFF}.
     */
    public String eapi() {
        return eapi;
    }

    /** Hostname of device {@code index} (1-based): sim-001, sim-002, ... */
    public String hostname(int index) {
        return String.format("%s-%03d", hostnamePrefix, index);
    }

    public static final class Builder {
        private int devices = 1;
        private int basePort;
        private String bindAddress = "127.0.0.1";
        private String platform = "cisco_ios";
        private String username = "admin";
        private String password = "admin";
        private String enableSecret = "secret";
        private Duration latency = Duration.ZERO;
        private boolean pagingLocked;
        private int interfaces = 4;
        private String hostnamePrefix = "sim";
        private int maxSessions = 16;
        private Path hostKeyFile;
        private List<PublicKey> authorizedKeys = List.of();
        private boolean legacySsh;
        private boolean jumpHost;
        private int timeScale = 1;
        private String eapi = EAPI_HTTPS;

        private Builder() {
        }

        public Builder devices(int devices) {
            this.devices = devices;
            return this;
        }

        public Builder basePort(int basePort) {
            this.basePort = basePort;
            return this;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        public Builder platform(String platform) {
            this.platform = Objects.requireNonNull(platform, "platform");
            return this;
        }

        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public Builder enableSecret(String enableSecret) {
            this.enableSecret = Objects.requireNonNull(enableSecret, "enableSecret");
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency, "latency");
            return this;
        }

        public Builder pagingLocked(boolean pagingLocked) {
            this.pagingLocked = pagingLocked;
            return this;
        }

        public Builder interfaces(int interfaces) {
            this.interfaces = interfaces;
            return this;
        }

        public Builder hostnamePrefix(String hostnamePrefix) {
            this.hostnamePrefix = Objects.requireNonNull(hostnamePrefix, "hostnamePrefix");
            return this;
        }

        public Builder maxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
            return this;
        }

        public Builder hostKeyFile(Path hostKeyFile) {
            this.hostKeyFile = hostKeyFile;
            return this;
        }

        public Builder authorizedKeys(List<PublicKey> authorizedKeys) {
            this.authorizedKeys = Objects.requireNonNull(authorizedKeys, "authorizedKeys");
            return this;
        }

        public Builder legacySsh(boolean legacySsh) {
            this.legacySsh = legacySsh;
            return this;
        }

        public Builder jumpHost(boolean jumpHost) {
            this.jumpHost = jumpHost;
            return this;
        }

        public Builder timeScale(int timeScale) {
            this.timeScale = timeScale;
            return this;
        }

        public Builder eapi(String eapi) {
            this.eapi = Objects.requireNonNull(eapi, "eapi");
            return this;
        }

        /** @throws IllegalArgumentException naming the setting to fix */
        public SimulatorConfig build() {
            require(devices >= 1, "devices must be at least 1, got " + devices);
            require(basePort >= 0 && basePort <= 65535, "basePort must be 0..65535, got " + basePort);
            require(basePort == 0 || basePort + devices - 1 <= 65535,
                    devices + " devices starting at port " + basePort + " run past port 65535");
            require(latency.compareTo(Duration.ZERO) >= 0, "latency must not be negative, got " + latency);
            require(interfaces >= 1 && interfaces <= 100_000, "interfaces must be 1..100000, got " + interfaces);
            require(timeScale >= 1 && timeScale <= 3600, "timeScale must be 1..3600, got " + timeScale);
            require(maxSessions >= 1, "maxSessions must be at least 1, got " + maxSessions);
            require(List.of(EAPI_HTTPS, EAPI_HTTP, EAPI_OFF).contains(eapi),
                    "eapi must be https, http or off, got '" + eapi + "'");
            require(!username.isBlank(), "username must not be blank");
            require(hostnamePrefix.matches("[A-Za-z][A-Za-z0-9_.-]*"),
                    "hostnamePrefix must start with a letter and hold only letters, digits, '.', '_' or '-', got '"
                            + hostnamePrefix + "'");
            platform = platform.replace(" ", "");
            for (String name : platform.split(",")) {
                Personalities.of(name);
            }
            return new SimulatorConfig(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
