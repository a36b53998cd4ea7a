package dev.netpilot.simulator.vendor;

import dev.netpilot.simulator.CliSession;
import dev.netpilot.simulator.CommandApi;
import dev.netpilot.simulator.DeviceModel;
import dev.netpilot.simulator.Pager;
import dev.netpilot.simulator.Personality;
import dev.netpilot.simulator.SessionContext;
import dev.netpilot.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cisco NX-OS, Cisco IOS XR and Arista EOS: the IOS-like CLIs, written from how each one prints its prompts, errors,
 * pager and save or commit. What differs between them is in {@link Dialect}; IOS itself has its own, fuller
 * personality ({@code ios.CiscoIos}).
 */
public final class CiscoStyle implements Personality {

    /** The facts that differ between the three CLIs. */
    enum Dialect {
        NXOS("cisco_nxos", "OpenSSH_8.3", Pager.NXOS, true, "% Invalid command at '^' marker.",
                "% Incomplete command at '^' marker.", "Ethernet1/"),
        XR("cisco_xr", "Cisco-2.0", Pager.CISCO, true, "% Invalid input detected at '^' marker.",
                "% Incomplete command.", "GigabitEthernet0/0/0/"),
        EOS("arista_eos", "OpenSSH_7.8", Pager.CISCO, false, "% Invalid input", "% Incomplete command", "Ethernet");

        final String platform;
        final String sshVersion;
        final Pager pager;
        final boolean landsPrivileged;
        final String invalid;
        final String incomplete;
        final String interfacePrefix;

        Dialect(String platform, String sshVersion, Pager pager, boolean landsPrivileged, String invalid,
                String incomplete, String interfacePrefix) {
            this.platform = platform;
            this.sshVersion = sshVersion;
            this.pager = pager;
            this.landsPrivileged = landsPrivileged;
            this.invalid = invalid;
            this.incomplete = incomplete;
            this.interfacePrefix = interfacePrefix;
        }
    }

    private static final Set<String> GLOBAL = Set.of("hostname", "interface", "ntp", "logging", "username",
            "snmp-server", "ip", "ipv6", "vlan", "feature", "router", "spanning-tree", "domain", "banner", "line");
    private static final Set<String> INTERFACE = Set.of("description", "ip", "ipv4", "ipv6", "shutdown", "mtu",
            "switchport", "speed", "duplex", "channel-group");
    private static final List<String> SINGLE_VALUED = List.of("hostname ", "description ", "ip address ",
            "ipv4 address ", "mtu ", "speed ", "switchport access vlan ", "domain name ", "ip domain-name ");

    private final Dialect dialect;

    private CiscoStyle(Dialect dialect) {
        this.dialect = dialect;
    }

    public static Personality nxos() {
        return new CiscoStyle(Dialect.NXOS);
    }

    public static Personality xr() {
        return new CiscoStyle(Dialect.XR);
    }

    public static Personality eos() {
        return new CiscoStyle(Dialect.EOS);
    }

    @Override
    public String platform() {
        return dialect.platform;
    }

    @Override
    public String sshServerVersion() {
        return dialect.sshVersion;
    }

    @Override
    public DeviceModel newDevice(int index, SimulatorConfig config) {
        return new Device(dialect, index, config);
    }

    /** One device: its committed (running) and saved configuration. */
    static final class Device implements DeviceModel {
        final Dialect dialect;
        final SimulatorConfig config;
        final String serial;
        final CommitStore store;
        volatile String startup;
        /** eAPI, on EOS only. */
        private final EosCommandApi api;

        Device(Dialect dialect, int index, SimulatorConfig config) {
            this.dialect = dialect;
            this.config = config;
            this.serial = String.format("SIM%08d", index);
            ConfigText boot = new ConfigText();
            boot.set(null, "hostname " + config.hostname(index), SINGLE_VALUED);
            if (dialect == Dialect.NXOS) {
                boot.set(null, "feature ssh", SINGLE_VALUED);
            }
            boot.set(null, "username " + config.username() + " privilege 15 role network-admin", SINGLE_VALUED);
            for (int i = 1; i <= config.interfaces(); i++) {
                String name = "interface " + dialect.interfacePrefix + i;
                boot.openSection(name);
                if (i % 2 == 1) {
                    boot.set(name, (dialect == Dialect.XR ? "ipv4" : "ip") + " address 10.0." + i + ".1 255.255.255.0",
                            SINGLE_VALUED);
                } else {
                    boot.set(name, "shutdown", SINGLE_VALUED);
                }
            }
            store = new CommitStore(boot);
            startup = boot.render("  ", "!");
            api = dialect == Dialect.EOS ? new EosCommandApi(this) : null;
        }

        @Override
        public String hostname() {
            return store.read(c -> c.value("hostname "));
        }

        @Override
        public String runningConfig() {
            return store.read(c -> c.render(dialect == Dialect.XR ? " " : "  ", "!"));
        }

        @Override
        public CliSession openSession(SessionContext context) {
            return new Session(this, context);
        }

        @Override
        public CommandApi commandApi() {
            return api;
        }
    }

    private enum Mode { USER, PRIVILEGED, CONFIG, INTERFACE }

    /** One vty. XR edits a private candidate committed with {@code commit}; NX-OS and EOS apply each line at once. */
    static final class Session extends LineSession {
        private final Device device;
        private final Dialect dialect;
        private Mode mode;
        private String section;
        /** The configuration being edited in config mode: XR commits it, NX-OS and EOS after every line. */
        private ConfigText candidate;

        Session(Device device, SessionContext context) {
            super(context, device.config.pagingLocked());
            this.device = device;
            this.dialect = device.dialect;
            this.mode = dialect.landsPrivileged ? Mode.PRIVILEGED : Mode.USER;
        }

        @Override
        public Pager pager() {
            return dialect.pager;
        }

        @Override
        String prompt() {
            String host = (dialect == Dialect.XR ? "RP/0/RSP0/CPU0:" : "") + device.hostname();
            return switch (mode) {
                case USER -> host + ">";
                case PRIVILEGED -> host + "#";
                case CONFIG -> host + "(config)#";
                case INTERFACE -> host + (dialect == Dialect.EOS
                        ? "(config-if-" + shortName(section.substring("interface ".length())) + ")#"
                        : "(config-if)#");
            };
        }

        @Override
        void command(String line) {
            if (mode == Mode.CONFIG || mode == Mode.INTERFACE) {
                configure(line);
                if (dialect != Dialect.XR && candidate != null) {
                    device.store.commit(candidate); // each line takes effect at once
                }
            } else {
                execute(line);
            }
        }

        private void execute(String line) {
            String[] w = words(line);
            switch (line) {
                case "show version" -> out.append(version());
                case "show clock" -> out.append(clock()).append('\n');
                case "show running-config" -> {
                    if (privilegedOnly(line)) {
                        showRunning();
                    }
                }
                case "show startup-config" -> {
                    if (dialect == Dialect.XR) {
                        invalid(line, 1);
                    } else if (privilegedOnly(line)) {
                        out.append(device.startup);
                    }
                }
                case "show ip interface brief", "show ipv4 interface brief" -> interfaceBrief();
                case "show hostname", "show interfaces", "show interfaces status" -> {
                    if (dialect == Dialect.EOS) {
                        eosShow(line);
                    } else {
                        invalid(line, 1);
                    }
                }
                case "enable" -> enable();
                case "disable" -> mode = Mode.USER;
                case "configure terminal", "configure" -> {
                    if (privilegedOnly(line)) {
                        enterConfig();
                    }
                }
                case "copy running-config startup-config", "write memory" -> {
                    if (dialect == Dialect.XR || (dialect == Dialect.NXOS && w[0].equals("write"))) {
                        invalid(line, 0);
                    } else if (privilegedOnly(line)) {
                        save();
                    }
                }
                case "exit", "logout" -> hangUp = true;
                default -> {
                    if (w[0].equals("terminal") && w.length == 3 && w[2].matches("\\d+")
                            && (w[1].equals("length") || w[1].equals("width"))) {
                        terminal(w[1], Integer.parseInt(w[2]));
                    } else if (w.length == 1 && (w[0].equals("show") || w[0].equals("terminal"))) {
                        out.append(dialect.incomplete).append('\n');
                    } else {
                        invalid(line, w[0].equals("show") || w[0].equals("terminal") ? 1 : 0);
                    }
                }
            }
        }

        private boolean privilegedOnly(String line) {
            if (mode != Mode.USER) {
                return true;
            }
            if (dialect == Dialect.EOS) {
                out.append("% Invalid input (privileged mode required)\n");
            } else {
                invalid(line, 1);
            }
            return false;
        }

        private void enable() {
            if (mode != Mode.USER) {
                return;
            }
            ask("Password: ", false, secret -> {
                if (secret.equals(device.config.enableSecret())) {
                    mode = Mode.PRIVILEGED;
                } else {
                    out.append("% Access denied\n");
                }
            });
        }

        private void terminal(String what, int value) {
            if (what.equals("length")) {
                terminalLength(value);
                if (dialect == Dialect.EOS) {
                    out.append(value == 0 ? "Pagination disabled.\n" : "");
                }
            } else if (dialect == Dialect.EOS) {
                out.append("Width set to ").append(value).append(" columns.\n");
            }
        }

        private void enterConfig() {
            if (dialect == Dialect.NXOS) {
                out.append("Enter configuration commands, one per line. End with CNTL/Z.\n");
            }
            candidate = device.store.running();
            mode = Mode.CONFIG;
        }

        private void save() {
            device.startup = device.runningConfig();
            out.append(dialect == Dialect.NXOS
                    ? "[########################################] 100%\nCopy complete, now saving to disk (please wait)...\n"
                    + "Copy complete.\n"
                    : "Copy completed successfully.\n");
        }

        // ---- configuration

        private void configure(String line) {
            String[] w = words(line);
            boolean negated = w[0].equals("no") && w.length > 1;
            String keyword = negated ? w[1] : w[0];
            switch (line) {
                case "end" -> {
                    leaveConfig(Mode.PRIVILEGED);
                    return;
                }
                case "exit" -> {
                    if (mode == Mode.INTERFACE) {
                        mode = Mode.CONFIG;
                        section = null;
                    } else {
                        leaveConfig(Mode.PRIVILEGED);
                    }
                    return;
                }
                case "abort" -> {
                    if (dialect == Dialect.XR) {
                        candidate = null;
                        mode = Mode.PRIVILEGED;
                        section = null;
                        return;
                    }
                }
                case "commit" -> {
                    if (dialect == Dialect.XR) {
                        commit(null);
                        return;
                    }
                }
                default -> {
                }
            }
            if (dialect == Dialect.XR && w[0].equals("commit") && w.length == 3 && w[1].equals("confirmed")
                    && w[2].matches("\\d{1,5}")) {
                commit(Duration.ofSeconds(Integer.parseInt(w[2])));
                return;
            }
            if (w[0].equals("do") && w.length > 1 && dialect != Dialect.XR) {
                execute(line.substring(2).strip());
                return;
            }
            if (mode == Mode.INTERFACE && INTERFACE.contains(keyword)) {
                setLine(section, line, negated, w);
                return;
            }
            if (!GLOBAL.contains(keyword) || (dialect != Dialect.NXOS && keyword.equals("feature"))) {
                invalid(line, negated ? 1 : 0);
                return;
            }
            mode = Mode.CONFIG; // a global command typed in a sub-mode leaves it, as on IOS
            section = null;
            if (keyword.equals("interface") && !negated) {
                if (w.length < 2) {
                    out.append(dialect.incomplete).append('\n');
                    return;
                }
                section = "interface " + line.substring(line.indexOf(w[1]));
                candidate.openSection(section);
                mode = Mode.INTERFACE;
                return;
            }
            setLine(null, line, negated, w);
        }

        /** Sets or ({@code no ...}) removes a line; a keyword alone is incomplete, except {@code shutdown}. */
        private void setLine(String where, String line, boolean negated, String[] w) {
            if (w.length < 2 && !line.equals("shutdown")) {
                out.append(dialect.incomplete).append('\n');
            } else if (negated) {
                candidate.remove(where, line.substring(3).strip());
            } else {
                candidate.set(where, line, SINGLE_VALUED);
            }
        }

        private void commit(Duration confirmWithin) {
            if (candidate.equals(device.store.running()) && confirmWithin == null && !device.store.confirmPending()) {
                out.append("% No configuration changes to commit.\n");
                return;
            }
            if (confirmWithin == null) {
                device.store.commit(candidate);
            } else {
                device.store.commitConfirmed(candidate, confirmWithin);
            }
            candidate = device.store.running();
        }

        /** XR asks what to do with uncommitted changes before leaving config mode. */
        private void leaveConfig(Mode to) {
            if (candidate == null || candidate.equals(device.store.running())) {
                mode = to;
                section = null;
                candidate = null;
                return;
            }
            ask("Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:", true, answer -> {
                switch (answer.toLowerCase(Locale.ROOT)) {
                    case "yes", "y" -> {
                        commit(null);
                        leaveConfig(to);
                    }
                    case "no", "n" -> {
                        candidate = null;
                        leaveConfig(to);
                    }
                    default -> {
                    }
                }
            });
        }

        // ---- show output

        private void invalid(String line, int word) {
            if (dialect == Dialect.EOS) {
                out.append(dialect.invalid).append('\n');
                return;
            }
            int promptWidth = prompt().length();
            out.append(" ".repeat(promptWidth + column(line, word))).append("^\n").append(dialect.invalid).append('\n');
        }

        private void showRunning() {
            String body = device.runningConfig();
            switch (dialect) {
                case NXOS -> out.append("\n!Command: show running-config\n!Running configuration last done at: ")
                        .append(clock()).append("\n!Time: ").append(clock()).append("\n\nversion 9.3(8) Bios:version\n")
                        .append(body);
                case XR -> out.append(clock()).append("\nBuilding configuration...\n!! IOS XR Configuration 7.3.2\n")
                        .append(body).append("end\n");
                case EOS -> out.append("! Command: show running-config\n! device: ").append(device.hostname())
                        .append(" (vEOS-lab, EOS-4.28.0F)\n!\n").append(body).append("end\n");
            }
        }

        private void interfaceBrief() {
            StringBuilder table = new StringBuilder(dialect == Dialect.XR ? clock() + "\n" : "");
            table.append(String.format("%-26s %-16s %-10s %s%n", "Interface", "IP-Address", "Status", "Protocol"));
            ConfigText running = device.store.running();
            for (String header : running.headers("interface ")) {
                List<String> lines = running.children(header);
                String address = lines.stream().filter(l -> l.contains("address ")).map(l -> words(l)[2])
                        .findFirst().orElse("unassigned");
                String status = lines.contains("shutdown") ? "admin-down" : "up";
                table.append(String.format("%-26s %-16s %-10s %s%n", header.substring(10), address, status,
                        status.equals("up") ? "up" : "down"));
            }
            out.append(table);
        }

        /** The EOS shows that eAPI also answers in JSON ({@link EosCommandApi}), from the same interface data. */
        private void eosShow(String line) {
            String host = device.hostname();
            List<EosCommandApi.Port> ports = EosCommandApi.Port.all(device.store.running());
            switch (line) {
                case "show hostname" -> out.append("Hostname: ").append(host).append("\nFQDN:     ").append(host)
                        .append('\n');
                case "show interfaces status" -> {
                    out.append(String.format("%-10s %-18s %-12s %-8s %-6s %-6s %s%n", "Port", "Name", "Status", "Vlan",
                            "Duplex", "Speed", "Type"));
                    for (EosCommandApi.Port port : ports) {
                        out.append(String.format("%-10s %-18s %-12s %-8s %-6s %-6s %s%n",
                                shortName(port.name()), port.description(), port.status(), "routed", "full", "1G",
                                "EbraTestPhyPort"));
                    }
                }
                default -> {
                    for (EosCommandApi.Port port : ports) {
                        out.append(port.name()).append(port.shutdown()
                                ? " is administratively down, line protocol is down (disabled)\n"
                                : " is up, line protocol is up (connected)\n");
                        String mac = port.mac().replace(":", "");
                        String dotted = mac.substring(0, 4) + "." + mac.substring(4, 8) + "." + mac.substring(8);
                        out.append("  Hardware is Ethernet, address is ").append(dotted).append(" (bia ")
                                .append(dotted).append(")\n");
                        if (!port.description().isEmpty()) {
                            out.append("  Description: ").append(port.description()).append('\n');
                        }
                        if (port.address() != null) {
                            out.append("  Internet address is ").append(port.address()).append('/')
                                    .append(port.maskLen()).append("\n  Broadcast address is 255.255.255.255\n");
                        }
                        out.append("  IP MTU ").append(port.mtu()).append(" bytes, BW 1000000 kbit\n");
                    }
                }
            }
        }

        private String version() {
            String host = device.hostname();
            return switch (dialect) {
                case NXOS -> "Cisco Nexus Operating System (NX-OS) Software\nTAC support: http://www.cisco.com/tac\n\n"
                        + "Software\n  BIOS: version \n  NXOS: version 9.3(8)\n  NXOS image file is: "
                        + "bootflash:///nxos.9.3.8.bin\n\nHardware\n  cisco Nexus9000 C9300v Chassis\n"
                        + "  Processor Board ID " + device.serial + "\n\n  Device name: " + host + "\n";
                case XR -> clock() + "\nCisco IOS XR Software, Version 7.3.2\nCopyright (c) 2013-2021 by Cisco Systems, "
                        + "Inc.\n\nBuild Information:\n Built By     : ingunawa\n\n" + host + " uptime is 1 hour\n"
                        + "cisco IOS-XRv 9000 () processor\nSystem uptime is 1 hour\n";
                case EOS -> "Arista vEOS-lab\nHardware version:\nSerial number: " + device.serial
                        + "\nHardware MAC address: 5254.0012.3456\nSystem MAC address: 5254.0012.3456\n\n"
                        + "Software image version: 4.28.0F\nArchitecture: x86_64\nInternal build version: 4.28.0F\n\n"
                        + "Uptime: 1 hour and 0 minutes\nTotal memory: 4001836 kB\nFree memory: 2565040 kB\n";
            };
        }

        private static String clock() {
            return ZonedDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss.SSS 'UTC'", Locale.ROOT));
        }

        private static String shortName(String name) {
            return name.startsWith("Ethernet") ? "Et" + name.substring("Ethernet".length()) : name;
        }
    }
}
