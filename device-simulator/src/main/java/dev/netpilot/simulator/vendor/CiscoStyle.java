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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern COMMIT_TIMER = Pattern.compile("commit timer (\\d{1,2}):(\\d{2}):(\\d{2})");

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

    /** One device: its committed (running) and saved configuration, EOS config sessions and flash files. */
    static final class Device implements DeviceModel {
        final Dialect dialect;
        final SimulatorConfig config;
        final String serial;
        final CommitStore store;
        volatile String startup;
        /** EOS config sessions by name, uncommitted or waiting for the confirmation of a timed commit. */
        final Map<String, ConfigSession> sessions = new LinkedHashMap<>(); // guarded by itself
        /** EOS {@code flash:} files written by {@code copy running-config flash:NAME}. */
        final Map<String, ConfigText> flash = new ConcurrentHashMap<>();
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
            store = new CommitStore(boot, config.timeScale());
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

    /** An EOS config session: its own copy of the configuration, committed or aborted as a whole. */
    static final class ConfigSession {
        final String user;
        ConfigText candidate;
        /** Committed with {@code commit timer}: rolled back unless {@code configure session NAME commit} in time. */
        boolean timerPending;

        ConfigSession(String user, ConfigText candidate) {
            this.user = user;
            this.candidate = candidate;
        }
    }

    /** One vty. XR edits a private candidate committed with {@code commit}; NX-OS and EOS apply each line at once. */
    static final class Session extends LineSession {
        private final Device device;
        private final Dialect dialect;
        private Mode mode;
        private String section;
        /** The configuration being edited in config mode: XR commits it, NX-OS and EOS after every line. */
        private ConfigText candidate;
        /** XR: only what was entered in this config mode, the configuration {@code commit replace} installs. */
        private ConfigText target;
        /** EOS: the config session this vty is in, or null for {@code configure terminal}. */
        private String configSession;

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
            // EOS shows a config session's name, cut to 6 characters: (config-s-sess-1)#, (config-s-sess-1-if-Et1)#
            String config = configSession == null ? "config"
                    : "config-s-" + configSession.substring(0, Math.min(6, configSession.length()));
            return switch (mode) {
                case USER -> host + ">";
                case PRIVILEGED -> host + "#";
                case CONFIG -> host + "(" + config + ")#";
                case INTERFACE -> host + (dialect == Dialect.EOS
                        ? "(" + config + "-if-" + shortName(section.substring("interface ".length())) + ")#"
                        : "(config-if)#");
            };
        }

        @Override
        void command(String line) {
            if (mode == Mode.CONFIG || mode == Mode.INTERFACE) {
                configure(line);
                if (dialect != Dialect.XR && candidate != null && configSession == null) {
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
                    } else if (dialect == Dialect.EOS && eosExec(line, w)) {
                        return;
                    } else if (dialect == Dialect.XR && line.startsWith("rollback configuration last ")) {
                        if (privilegedOnly(line)) {
                            xrRollback(line, w);
                        }
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
            target = new ConfigText();
            mode = Mode.CONFIG;
        }

        // ---- EOS config sessions, flash files

        /** EOS exec commands beyond the common ones; false when {@code line} is none of them. */
        private boolean eosExec(String line, String[] w) {
            if (w[0].equals("configure") && w.length >= 2 && w[1].equals("session")) {
                if (privilegedOnly(line)) {
                    configureSession(line, w);
                }
            } else if (line.equals("show configuration sessions")) {
                if (privilegedOnly(line)) {
                    showSessions();
                }
            } else if (w.length == 3 && w[0].equals("copy") && w[1].equals("running-config")
                    && w[2].startsWith("flash:") && w[2].length() > 6) {
                if (privilegedOnly(line)) {
                    device.flash.put(w[2].substring(6), device.store.running());
                    out.append("Copy completed successfully.\n");
                }
            } else if (w.length == 3 && w[0].equals("configure") && w[1].equals("replace") && w[2].startsWith("flash:")) {
                if (privilegedOnly(line)) {
                    ConfigText file = device.flash.get(w[2].substring(6));
                    if (file == null) {
                        out.append("% Error copying ").append(w[2]).append(" to running-config (No such file or "
                                + "directory)\n");
                    } else {
                        device.store.commit(file);
                    }
                }
            } else {
                return false;
            }
            return true;
        }

        /** {@code configure session [NAME [commit | abort]]}. */
        private void configureSession(String line, String[] w) {
            synchronized (device.sessions) {
                expireSessions();
                if (w.length == 2 || w.length == 3) {
                    String name = w.length == 3 ? w[2] : "session" + System.nanoTime() % 100000;
                    ConfigSession session = device.sessions.computeIfAbsent(name,
                            n -> new ConfigSession(context.username(), device.store.running()));
                    configSession = name;
                    candidate = session.candidate;
                    mode = Mode.CONFIG;
                    return;
                }
                ConfigSession session = device.sessions.get(w[2]);
                if (w.length != 4 || !(w[3].equals("commit") || w[3].equals("abort"))) {
                    invalid(line, Math.min(w.length - 1, 3));
                } else if (session == null) {
                    out.append("% Error: no configuration session named ").append(w[2]).append('\n');
                } else if (w[3].equals("commit")) {
                    if (session.timerPending) {
                        device.store.confirm();
                    } else {
                        device.store.commit(session.candidate);
                    }
                    device.sessions.remove(w[2]);
                } else {
                    if (session.timerPending) {
                        device.store.rollBackPending();
                    }
                    device.sessions.remove(w[2]);
                }
            }
        }

        /** A timed commit whose timer fired is over: the device rolled it back. */
        private void expireSessions() {
            boolean waiting = device.store.confirmPending();
            device.sessions.values().removeIf(session -> session.timerPending && !waiting);
        }

        private void showSessions() {
            synchronized (device.sessions) {
                expireSessions();
                out.append("Maximum number of completed sessions: 1\nMaximum number of pending sessions: 5\n\n");
                out.append(String.format("  %-20s %-22s %-10s%n", "Name", "State", "User"));
                out.append(String.format("  %-20s %-22s %-10s%n", "-".repeat(20), "-".repeat(22), "-".repeat(10)));
                device.sessions.forEach((name, session) -> out.append(String.format("  %-20s %-22s %-10s%n", name,
                        session.timerPending ? "pending-commit-timer" : "pending", session.user)));
            }
        }

        /** Commands of config-session mode; false when {@code line} is an ordinary config line. */
        private boolean sessionCommand(String line) {
            Matcher timer = COMMIT_TIMER.matcher(line);
            synchronized (device.sessions) {
                ConfigSession session = device.sessions.get(configSession);
                if (line.equals("show session-config diffs")) {
                    String diff = UnifiedDiff.hunks(List.of(device.runningConfig().split("\n")),
                            List.of(candidate.render("  ", "!").split("\n")));
                    if (!diff.isEmpty()) {
                        out.append("--- system:/running-config\n+++ session:/").append(configSession)
                                .append("-session-config\n").append(diff);
                    }
                } else if (line.equals("rollback clean-config")) {
                    ConfigText clean = new ConfigText();
                    device.store.running().headers("interface ").forEach(clean::openSection);
                    candidate = clean;
                    session.candidate = clean;
                    mode = Mode.CONFIG;
                    section = null;
                } else if (line.equals("abort")) {
                    device.sessions.remove(configSession);
                    leaveSession();
                } else if (line.equals("commit")) {
                    device.store.commit(candidate);
                    device.sessions.remove(configSession);
                    leaveSession();
                } else if (timer.matches()) {
                    long seconds = Long.parseLong(timer.group(1)) * 3600 + Long.parseLong(timer.group(2)) * 60
                            + Long.parseLong(timer.group(3));
                    if (seconds == 0 || Integer.parseInt(timer.group(2)) > 59 || Integer.parseInt(timer.group(3)) > 59) {
                        invalid(line, 2);
                        return true;
                    }
                    device.store.commitConfirmed(candidate, Duration.ofSeconds(seconds));
                    session.timerPending = true;
                    leaveSession();
                } else if (line.equals("end") || (line.equals("exit") && mode == Mode.CONFIG)) {
                    leaveSession(); // the session stays, uncommitted, for a later 'configure session NAME'
                } else {
                    return false;
                }
            }
            return true;
        }

        private void leaveSession() {
            configSession = null;
            candidate = null;
            section = null;
            mode = Mode.PRIVILEGED;
        }

        // ---- IOS XR commit options, diff and rollback

        /** XR config-mode commands beyond the config lines; false when {@code line} is a config line. */
        private boolean xrCommand(String line, String[] w) {
            if (line.equals("show commit changes diff")) {
                out.append(clock()).append("\nBuilding configuration...\n!! IOS XR Configuration 7.3.2\n")
                        .append(xrDiff(device.store.running(), candidate)).append("end\n");
            } else if (line.equals("abort")) {
                candidate = null;
                target = null;
                mode = Mode.PRIVILEGED;
                section = null;
            } else if (w[0].equals("commit")) {
                xrCommit(line, w);
            } else {
                return false;
            }
            return true;
        }

        /** {@code commit [replace] [confirmed <30-65535>] [label WORD] [comment LINE]}; the comment ends the line. */
        private void xrCommit(String line, String[] w) {
            boolean replace = false;
            Duration confirmWithin = null;
            for (int i = 1; i < w.length; i++) {
                switch (w[i]) {
                    case "replace" -> replace = true;
                    case "confirmed" -> {
                        if (i + 1 >= w.length || !w[i + 1].matches("\\d{1,5}") || Integer.parseInt(w[i + 1]) < 30
                                || Integer.parseInt(w[i + 1]) > 65535) {
                            invalid(line, Math.min(i + 1, w.length - 1));
                            return;
                        }
                        confirmWithin = Duration.ofSeconds(Integer.parseInt(w[++i]));
                    }
                    case "label" -> i++;
                    case "comment" -> i = w.length;
                    default -> {
                        invalid(line, i);
                        return;
                    }
                }
            }
            if (!replace) {
                commit(candidate, confirmWithin);
                return;
            }
            Duration within = confirmWithin;
            out.append("This commit will replace or remove the entire running configuration. This operation can be "
                    + "service affecting.\n");
            ask("Do you wish to proceed? [no]: ", true, answer -> {
                if (answer.equals("yes")) {
                    commit(target, within);
                }
            });
        }

        /** {@code rollback configuration last N}: undoes the last N commits, as a new commit. */
        private void xrRollback(String line, String[] w) {
            ConfigText older = w.length == 4 && w[3].matches("\\d{1,3}") ? device.store.rollback(Integer.parseInt(w[3]))
                    : null;
            if (older == null || w[3].equals("0")) {
                out.append("% Failed to rollback: the requested rollback point does not exist\n");
                return;
            }
            device.store.commit(older);
            out.append("Loading Rollback Changes.\nLoaded Rollback Changes in 1 sec \nCommitting.\nUpdating.\n"
                    + "Configuration successfully rolled back ").append(w[3]).append(" commits.\n");
        }

        /**
         * {@code show commit changes diff}: {@code +} added, {@code -} removed, {@code #} a section whose lines
         * changed, each followed by two blanks and the line as the configuration shows it.
         */
        private static String xrDiff(ConfigText running, ConfigText next) {
            StringBuilder diff = new StringBuilder();
            List<String> before = running.lines();
            List<String> after = next.lines();
            for (String line : after) {
                if (!before.contains(line)) {
                    diff.append("+  ").append(line).append('\n');
                    next.children(line).forEach(child -> diff.append("+   ").append(child).append('\n'));
                    if (next.isSection(line)) {
                        diff.append("   !\n");
                    }
                } else if (next.isSection(line)) {
                    List<String> was = running.children(line);
                    List<String> now = next.children(line);
                    if (!was.equals(now)) {
                        diff.append("#  ").append(line).append('\n');
                        was.stream().filter(c -> !now.contains(c)).forEach(c -> diff.append("-   ").append(c).append('\n'));
                        now.stream().filter(c -> !was.contains(c)).forEach(c -> diff.append("+   ").append(c).append('\n'));
                        diff.append("   !\n");
                    }
                }
            }
            for (String line : before) {
                if (!after.contains(line)) {
                    diff.append("-  ").append(line).append('\n');
                    running.children(line).forEach(child -> diff.append("-   ").append(child).append('\n'));
                }
            }
            return diff.toString();
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
            if (configSession != null && sessionCommand(line)) {
                return;
            }
            if (dialect == Dialect.XR && xrCommand(line, w)) {
                return;
            }
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
                default -> {
                }
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
                if (target != null) {
                    target.openSection(section);
                }
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
                if (target != null) {
                    target.remove(where, line.substring(3).strip());
                }
            } else {
                candidate.set(where, line, SINGLE_VALUED);
                if (target != null) {
                    target.set(where, line, SINGLE_VALUED);
                }
            }
        }

        /** Commits {@code next} (the candidate, or the target of a replace); a plain commit confirms a pending one. */
        private void commit(ConfigText next, Duration confirmWithin) {
            if (next.equals(device.store.running()) && confirmWithin == null && !device.store.confirmPending()) {
                out.append("% No configuration changes to commit.\n");
                return;
            }
            if (confirmWithin == null) {
                device.store.commit(next);
            } else {
                device.store.commitConfirmed(next, confirmWithin);
            }
            candidate = device.store.running();
            target = new ConfigText();
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
                        commit(candidate, null);
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
