package dev.netpilot.simulator.vendor;

import dev.netpilot.simulator.CliSession;
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
 * Huawei VRP, Huawei VRPv8 (two-stage: a candidate committed with {@code commit}) and H3C/HPE Comware: user view
 * {@code <host>}, system view {@code [host]}, sub-views {@code [host-GigabitEthernet0/0/1]}, {@code undo} to remove,
 * {@code display} to show, the "---- More ----" pager erased with cursor moves, and the vendors' error texts.
 */
public final class Vrp implements Personality {

    enum Dialect {
        HUAWEI("huawei", "HUAWEI-1.5", Pager.VRP, "Error: ", "GigabitEthernet0/0/", false),
        VRPV8("huawei_vrpv8", "HUAWEI-1.5", Pager.VRP, "Error: ", "GigabitEthernet1/0/", true),
        COMWARE("hp_comware", "Comware-7.1.064", Pager.COMWARE, "% ", "GigabitEthernet1/0/", false);

        final String platform;
        final String sshVersion;
        final Pager pager;
        final String errorPrefix;
        final String interfacePrefix;
        final boolean commits;

        Dialect(String platform, String sshVersion, Pager pager, String errorPrefix, String interfacePrefix,
                boolean commits) {
            this.platform = platform;
            this.sshVersion = sshVersion;
            this.pager = pager;
            this.errorPrefix = errorPrefix;
            this.interfacePrefix = interfacePrefix;
            this.commits = commits;
        }
    }

    private static final Set<String> SYSTEM = Set.of("sysname", "interface", "ntp-service", "info-center", "vlan",
            "snmp-agent", "ip", "local-user", "aaa", "stp", "user-interface", "line");
    private static final Set<String> INTERFACE = Set.of("description", "ip", "shutdown", "port", "mtu", "speed",
            "duplex");
    private static final List<String> SINGLE_VALUED = List.of("sysname ", "description ", "ip address ", "mtu ",
            "port link-type ");

    private final Dialect dialect;

    private Vrp(Dialect dialect) {
        this.dialect = dialect;
    }

    public static Personality huawei() {
        return new Vrp(Dialect.HUAWEI);
    }

    public static Personality vrpv8() {
        return new Vrp(Dialect.VRPV8);
    }

    public static Personality comware() {
        return new Vrp(Dialect.COMWARE);
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

    static final class Device implements DeviceModel {
        final Dialect dialect;
        final SimulatorConfig config;
        final CommitStore store;
        volatile String saved;

        Device(Dialect dialect, int index, SimulatorConfig config) {
            this.dialect = dialect;
            this.config = config;
            ConfigText boot = new ConfigText();
            boot.set(null, "sysname " + config.hostname(index), SINGLE_VALUED);
            for (int i = 1; i <= config.interfaces(); i++) {
                String name = "interface " + dialect.interfacePrefix + i;
                boot.openSection(name);
                boot.set(name, i % 2 == 1 ? "ip address 10.0." + i + ".1 255.255.255.0" : "shutdown", SINGLE_VALUED);
            }
            store = new CommitStore(boot, config.timeScale());
            saved = runningConfig();
        }

        @Override
        public String hostname() {
            return store.read(c -> c.value("sysname "));
        }

        /** As 'display current-configuration' prints it: sections closed by "#", ending with "return". */
        @Override
        public String runningConfig() {
            return store.read(c -> "#\n" + c.render(" ", "#") + "#\nreturn\n");
        }

        @Override
        public CliSession openSession(SessionContext context) {
            return new Session(this, context);
        }
    }

    private enum View { USER, SYSTEM, INTERFACE }

    static final class Session extends LineSession {
        private final Device device;
        private final Dialect dialect;
        private View view = View.USER;
        private String section;
        /** The configuration being edited in system view: VRPv8 commits it, the others after every line. */
        private ConfigText candidate;

        Session(Device device, SessionContext context) {
            super(context, device.config.pagingLocked());
            this.device = device;
            this.dialect = device.dialect;
        }

        @Override
        public Pager pager() {
            return dialect.pager;
        }

        @Override
        void banner() {
            if (dialect == Dialect.COMWARE) {
                out.append("\n******************************************************************************\n"
                        + "* Copyright (c) 2004-2021 New H3C Technologies Co., Ltd. All rights reserved.*\n"
                        + "* Without the owner's prior written consent,                                 *\n"
                        + "* no decompiling or reverse-engineering shall be allowed.                    *\n"
                        + "******************************************************************************\n\n");
                ask("Press Y or ENTER to continue, N to exit.", true, answer -> {
                    out.append('\n');
                    hangUp = answer.equalsIgnoreCase("n");
                });
                return;
            }
            out.append("\nInfo: The max number of VTY users is 21, the number of current VTY users online is 1.\n"
                    + "      The current login time is " + ZonedDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)) + ".\n"
                    + "Warning: The initial password poses security risks.\n");
            ask("The password needs to be changed. Change now? [Y/N]:", true, answer -> out.append('\n'));
        }

        @Override
        String prompt() {
            String host = device.hostname();
            String mark = !dialect.commits ? "" : candidate != null && !candidate.equals(device.store.running())
                    ? "*" : "~";
            return switch (view) {
                case USER -> "<" + host + ">";
                case SYSTEM -> "[" + mark + host + "]";
                case INTERFACE -> "[" + mark + host + "-" + section.substring("interface ".length()) + "]";
            };
        }

        @Override
        void command(String line) {
            String[] w = words(line);
            if (w[0].equals("display")) {
                display(line);
            } else if (view == View.USER) {
                userView(line, w);
            } else {
                configure(line, w);
                if (!dialect.commits && candidate != null) {
                    device.store.commit(candidate); // each line takes effect at once
                }
            }
        }

        private void userView(String line, String[] w) {
            switch (line) {
                case "screen-length 0 temporary" -> {
                    if (dialect == Dialect.COMWARE) {
                        error("Unrecognized command", line, 1);
                    } else {
                        terminalLength(0);
                        out.append("Info: The configuration takes effect on the current user terminal interface only.\n");
                    }
                }
                case "screen-length disable" -> {
                    if (dialect == Dialect.COMWARE) {
                        terminalLength(0);
                    } else {
                        error("Unrecognized command", line, 1);
                    }
                }
                case "system-view" -> {
                    out.append(switch (dialect) {
                        case HUAWEI -> "Enter system view, return user view with Ctrl+Z.\n";
                        case VRPV8 -> "Enter system view, return user view with return command.\n";
                        case COMWARE -> "System View: return to User View with Ctrl+Z.\n";
                    });
                    candidate = device.store.running();
                    view = View.SYSTEM;
                }
                case "save" -> ask(dialect == Dialect.COMWARE
                        ? "The current configuration will be written to the device. Are you sure? [Y/N]:"
                        : "Warning: The current configuration will be written to the device. Continue? [Y/N]:",
                        true, answer -> {
                            if (answer.equalsIgnoreCase("y")) {
                                save();
                            } else {
                                out.append("Info: Save is cancelled.\n");
                            }
                        });
                case "save force" -> {
                    if (dialect == Dialect.COMWARE) {
                        save();
                    } else {
                        error("Unrecognized command", line, 1);
                    }
                }
                case "quit" -> hangUp = true;
                default -> error(w[0].equals("save") || w[0].equals("screen-length") ? "Wrong parameter"
                        : "Unrecognized command", line, w[0].equals("save") || w[0].equals("screen-length") ? 1 : 0);
            }
        }

        private void save() {
            device.saved = device.runningConfig();
            out.append(dialect == Dialect.COMWARE
                    ? "Validating file. Please wait...\nSaved the current configuration to mainboard device successfully.\n"
                    : "Now saving the current configuration to the slot 0.\nInfo: Save the configuration successfully.\n");
        }

        private void display(String line) {
            switch (line) {
                case "display version" -> out.append(version());
                case "display current-configuration" -> out.append(dialect == Dialect.COMWARE ? "#\n version 7.1.064, "
                        + "Release 0821P11\n" : "!Software Version V200R010C00SPC600\n").append(device.runningConfig());
                case "display saved-configuration" -> out.append(device.saved);
                case "display clock" -> out.append(ZonedDateTime.now(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT))).append('\n');
                case "display interface brief" -> interfaceBrief();
                default -> error(words(line).length == 1 ? "Incomplete command" : "Unrecognized command", line, 1);
            }
        }

        private void configure(String line, String[] w) {
            boolean negated = w[0].equals("undo") && w.length > 1;
            String keyword = negated ? w[1] : w[0];
            if (line.equals("quit") || line.equals("return")) {
                if (view == View.INTERFACE && line.equals("quit")) {
                    view = View.SYSTEM;
                    section = null;
                } else {
                    leaveSystemView();
                }
                return;
            }
            if (dialect.commits && w[0].equals("commit")) {
                commit(w);
                return;
            }
            if (view == View.INTERFACE && INTERFACE.contains(keyword)) {
                setLine(section, line, negated, w);
                return;
            }
            if (!SYSTEM.contains(keyword)) {
                error("Unrecognized command", line, negated ? 1 : 0);
                return;
            }
            view = View.SYSTEM; // a system-view command typed in a sub-view runs there and leaves it
            section = null;
            if (keyword.equals("interface") && !negated && w.length > 1) {
                section = "interface " + w[1];
                candidate.openSection(section);
                view = View.INTERFACE;
                return;
            }
            setLine(null, line, negated, w);
        }

        private void setLine(String where, String line, boolean negated, String[] w) {
            if (w.length < 2 && !line.equals("shutdown")) {
                error("Incomplete command", line, 1);
            } else if (w[0].equals("ip") && w.length > 2 && w[1].equals("address") && !isAddress(w[2])) {
                error("Wrong parameter", line, 2);
            } else if (negated) {
                candidate.remove(where, line.substring(5).strip());
            } else {
                candidate.set(where, line, SINGLE_VALUED);
            }
        }

        /** VRPv8: {@code commit} applies the candidate; {@code commit trial N} rolls back after N s unless confirmed. */
        private void commit(String[] w) {
            if (w.length == 1) {
                device.store.commit(candidate);
            } else if (w.length == 3 && w[1].equals("trial") && w[2].matches("\\d{1,5}")) {
                device.store.commitConfirmed(candidate, Duration.ofSeconds(Integer.parseInt(w[2])));
                out.append("Info: The configuration will be rolled back in ").append(w[2])
                        .append(" seconds unless confirmed by commit.\n");
            } else {
                error("Unrecognized command", String.join(" ", w), 1);
                return;
            }
            candidate = device.store.running();
        }

        /** VRPv8 asks what to do with uncommitted changes before leaving system view. */
        private void leaveSystemView() {
            if (!dialect.commits || candidate.equals(device.store.running())) {
                view = View.USER;
                section = null;
                candidate = null;
                return;
            }
            ask("Warning: Uncommitted configurations found. Are you sure to commit them before exiting? "
                    + "[Y(yes)/N(no)/C(cancel)]:", true, answer -> {
                        switch (answer.toLowerCase(Locale.ROOT)) {
                            case "y", "yes" -> {
                                device.store.commit(candidate);
                                candidate = device.store.running();
                                leaveSystemView();
                            }
                            case "n", "no" -> {
                                candidate = device.store.running();
                                leaveSystemView();
                            }
                            default -> {
                            }
                        }
                    });
        }

        /** The caret under the word the device could not take, then the vendor's sentence. */
        private void error(String what, String line, int word) {
            out.append(" ".repeat(prompt().length() + column(line, word))).append("^\n")
                    .append(dialect.errorPrefix).append(what).append(" found at '^' position.\n");
        }

        private void interfaceBrief() {
            StringBuilder table = new StringBuilder("Interface                   PHY   Protocol  InUti OutUti\n");
            ConfigText running = device.store.running();
            for (String header : running.headers("interface ")) {
                boolean down = running.children(header).contains("shutdown");
                table.append(String.format("%-27s %-5s %-9s %-5s %s%n", header.substring(10), down ? "*down" : "up",
                        down ? "down" : "up", "0%", "0%"));
            }
            out.append(table);
        }

        private String version() {
            return switch (dialect) {
                case HUAWEI -> "Huawei Versatile Routing Platform Software\nVRP (R) software, Version 5.170 "
                        + "(AR2200 V200R010C00SPC600)\nCopyright (C) 2011-2020 HUAWEI TECH CO., LTD\n"
                        + "Huawei AR2220 Router uptime is 0 week, 0 day, 1 hour, 0 minute\n";
                case VRPV8 -> "Huawei Versatile Routing Platform Software\nVRP (R) software, Version 8.210 "
                        + "(NE40E V800R021C00SPC100)\nCopyright (C) 2012-2021 Huawei Technologies Co., Ltd.\n"
                        + "HUAWEI NE40E-M2K uptime is 0 days, 1 hour, 0 minutes\n";
                case COMWARE -> "H3C Comware Software, Version 7.1.064, Release 0821P11\nCopyright (c) 2004-2021 "
                        + "New H3C Technologies Co., Ltd. All rights reserved.\nH3C S6850-56HF uptime is 0 weeks, "
                        + "0 days, 1 hour, 0 minutes\n";
            };
        }

        private static boolean isAddress(String text) {
            String[] parts = text.split("\\.");
            if (parts.length != 4) {
                return false;
            }
            for (String part : parts) {
                if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
    }
}
