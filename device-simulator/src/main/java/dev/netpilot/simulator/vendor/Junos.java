package dev.netpilot.simulator.vendor;

import dev.netpilot.simulator.CliSession;
import dev.netpilot.simulator.DeviceModel;
import dev.netpilot.simulator.Pager;
import dev.netpilot.simulator.Personality;
import dev.netpilot.simulator.SessionContext;
import dev.netpilot.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Juniper Junos as an EX virtual-chassis member: operational mode {@code user@host>}, configuration mode
 * {@code user@host#} under an {@code [edit]} line, {@code {master:0}} above every prompt. The configuration is a
 * list of {@code set} statements; {@code configure} edits the device's shared candidate, {@code configure private}
 * a candidate of the session's own, {@code commit} applies it, {@code commit confirmed N} rolls back after N minutes
 * unless confirmed by another commit, {@code rollback N} loads an older one, {@code show | compare} shows the changes.
 */
public final class Junos implements Personality {

    private static final Set<String> HIERARCHIES = Set.of("system", "interfaces", "protocols", "routing-options",
            "snmp", "vlans", "policy-options", "firewall", "chassis");
    /** Statements that hold one value: setting them again replaces it. */
    private static final List<String> SINGLE_VALUED = List.of("system host-name ", "system domain-name ");
    /** {@code commit} options: {@code confirmed N}, {@code comment "text"}, {@code and-quit}, in any order. */
    private static final Pattern COMMIT = Pattern.compile(
            "commit((?: confirmed \\d{1,5}| comment \"[^\"]*\"| and-quit)*)");
    private static final Pattern CONFIRMED = Pattern.compile(" confirmed (\\d{1,5})");
    /** Words that name a block together with the word after them ({@code unit 0 {}}). */
    private static final Set<String> PAIRED = Set.of("unit", "family", "group", "neighbor", "area");

    @Override
    public String platform() {
        return "juniper_junos";
    }

    @Override
    public String sshServerVersion() {
        return "OpenSSH_7.5";
    }

    @Override
    public DeviceModel newDevice(int index, SimulatorConfig config) {
        return new Device(index, config);
    }

    static final class Device implements DeviceModel {
        final SimulatorConfig config;
        final CommitStore store;
        /** Junos' shared candidate: it survives leaving configuration mode until committed or rolled back. */
        ConfigText candidate;
        /** Whether someone changed the shared candidate since it was last committed or rolled back to running. */
        boolean sharedEdited;

        Device(int index, SimulatorConfig config) {
            this.config = config;
            ConfigText boot = new ConfigText();
            boot.set(null, "system host-name " + config.hostname(index), SINGLE_VALUED);
            boot.set(null, "system services ssh", SINGLE_VALUED);
            boot.set(null, "system login user " + config.username() + " class super-user", SINGLE_VALUED);
            for (int i = 0; i < config.interfaces(); i++) {
                boot.set(null, "interfaces ge-0/0/" + i + " unit 0 family inet address 10.0." + i + ".1/24",
                        SINGLE_VALUED);
            }
            store = new CommitStore(boot, config.timeScale());
            candidate = store.running();
        }

        @Override
        public String hostname() {
            return store.read(c -> c.value("system host-name "));
        }

        /** As 'show configuration | display set' prints it. */
        @Override
        public synchronized String runningConfig() {
            return store.read(Junos::displaySet);
        }

        @Override
        public CliSession openSession(SessionContext context) {
            return new Session(this, context);
        }

        synchronized boolean uncommitted() {
            return sharedEdited && !candidate.equals(store.running());
        }

        /** Entering the shared candidate: one nobody edited follows the running configuration (commits, rollbacks). */
        synchronized void refreshShared() {
            if (!sharedEdited) {
                candidate = store.running();
            }
        }
    }

    static String displaySet(ConfigText config) {
        StringBuilder text = new StringBuilder();
        config.lines().forEach(line -> text.append("set ").append(line).append('\n'));
        return text.toString();
    }

    /** The curly-brace form of 'show configuration', from the set statements. */
    static String braces(ConfigText config) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String statement : config.lines()) {
            List<String> path = blocks(statement);
            Map<String, Object> node = tree;
            for (String block : path.subList(0, path.size() - 1)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(block, b -> new LinkedHashMap<>());
                node = child;
            }
            node.put(path.get(path.size() - 1), null);
        }
        StringBuilder text = new StringBuilder();
        print(tree, "", text);
        return text.toString();
    }

    /** A statement as its blocks: pairs such as "unit 0" stay together, the last two words are the leaf. */
    private static List<String> blocks(String statement) {
        String[] w = LineSession.words(statement);
        List<String> blocks = new ArrayList<>();
        int i = 0;
        while (i < w.length - 2) {
            boolean pair = PAIRED.contains(w[i]);
            blocks.add(pair ? w[i] + " " + w[i + 1] : w[i]);
            i += pair ? 2 : 1;
        }
        blocks.add(String.join(" ", List.of(w).subList(i, w.length)));
        return blocks;
    }

    private static void print(Map<String, Object> node, String indent, StringBuilder text) {
        node.forEach((name, child) -> {
            if (child == null) {
                text.append(indent).append(name).append(";\n");
            } else {
                text.append(indent).append(name).append(" {\n");
                @SuppressWarnings("unchecked")
                Map<String, Object> children = (Map<String, Object>) child;
                print(children, indent + "    ", text);
                text.append(indent).append("}\n");
            }
        });
    }

    static final class Session extends LineSession {
        private final Device device;
        private boolean configuring;
        /** The candidate of {@code configure private}, or null when editing the shared one. */
        private ConfigText privateCandidate;

        Session(Device device, SessionContext context) {
            super(context, device.config.pagingLocked());
            this.device = device;
        }

        @Override
        public Pager pager() {
            return Pager.JUNOS;
        }

        @Override
        void banner() {
            out.append("--- JUNOS 21.4R3.15 Kernel 64-bit  JNPR-12.1-20220722.0b0d6b8_buil\n");
        }

        @Override
        String prompt() {
            String user = context.username() + "@" + device.hostname();
            return configuring ? "\n{master:0}[edit]\n" + user + "# " : "\n{master:0}\n" + user + "> ";
        }

        @Override
        void command(String line) {
            if (configuring) {
                configure(line);
            } else {
                operational(line);
            }
        }

        private void operational(String line) {
            String[] w = words(line);
            switch (line) {
                case "show version" -> out.append("fpc0:\n--------------------------------------------------------------"
                        + "------------\nHostname: ").append(device.hostname()).append("\nModel: ex4300-48t\n"
                        + "Junos: 21.4R3.15\nJUNOS OS Kernel 64-bit  [20220722.0b0d6b8_builder_stable_12_214]\n");
                case "show configuration" -> out.append("## Last commit: 2024-01-01 00:00:00 UTC by ")
                        .append(context.username()).append("\nversion 21.4R3.15;\n")
                        .append(device.store.read(Junos::braces));
                case "show configuration | display set" -> out.append(device.runningConfig());
                case "show interfaces terse" -> interfacesTerse();
                case "set cli complete-on-space off" -> out.append("Disabling complete-on-space\n");
                case "configure", "edit" -> {
                    synchronized (device) {
                        device.refreshShared();
                        if (device.uncommitted()) {
                            out.append("The configuration has been changed but not committed\n");
                        }
                    }
                    out.append("Entering configuration mode\n");
                    configuring = true;
                }
                case "configure private" -> {
                    synchronized (device) {
                        if (device.uncommitted()) {
                            out.append("error: shared configuration database modified\n"
                                    + "Users currently editing the configuration:\n  another session\n");
                            return;
                        }
                        privateCandidate = device.store.running();
                    }
                    out.append("warning: uncommitted changes will be discarded on exit\nEntering configuration mode\n");
                    configuring = true;
                }
                case "exit", "quit" -> hangUp = true;
                default -> {
                    if (w.length == 4 && w[0].equals("set") && w[1].equals("cli") && w[3].matches("\\d+")
                            && (w[2].equals("screen-width") || w[2].equals("screen-length"))) {
                        screen(w[2], Integer.parseInt(w[3]));
                    } else if (w[0].equals("show") || w[0].equals("set")) {
                        caret(line, 1);
                        out.append(w.length == 1 ? "missing argument.\n" : "syntax error, expecting <command>.\n");
                    } else {
                        caret(line, 0);
                        out.append("unknown command.\n");
                    }
                }
            }
        }

        private void screen(String what, int value) {
            if (what.equals("screen-length")) {
                terminalLength(value);
                out.append("Screen length set to ").append(value).append('\n');
            } else {
                out.append("Screen width set to ").append(value).append('\n');
            }
        }

        private void configure(String line) {
            String[] w = words(line);
            synchronized (device) {
                switch (w[0]) {
                    case "set" -> set(line, w);
                    case "delete" -> delete(line, w);
                    case "commit" -> commit(line);
                    case "rollback" -> rollback(w);
                    case "show" -> out.append(line.equals("show | compare") ? compare()
                            : braces(candidate()));
                    case "run" -> {
                        configuring = false;
                        operational(line.substring(3).strip());
                        configuring = true;
                    }
                    case "exit", "quit" -> {
                        if (line.equals("exit configuration-mode") || w.length == 1) {
                            leave();
                        } else {
                            caret(line, 1);
                            out.append("syntax error.\n");
                        }
                    }
                    default -> {
                        caret(line, 0);
                        out.append("unknown command.\n");
                    }
                }
            }
        }

        private void set(String line, String[] w) {
            if (w.length < 2) {
                out.append("missing argument.\n");
            } else if (!HIERARCHIES.contains(w[1])) {
                caret(line, 1);
                out.append("syntax error.\n");
            } else if (w.length < 4) {
                caret(line, w.length);
                out.append("missing argument.\n");
            } else {
                candidate().set(null, line.substring(4).strip(), SINGLE_VALUED);
                edited();
            }
        }

        /** {@code delete STATEMENT}, or {@code delete} alone: everything, once the user says yes. */
        private void delete(String line, String[] w) {
            if (w.length > 1) {
                if (!candidate().remove(null, line.substring(7).strip())) {
                    out.append("warning: statement not found\n");
                } else {
                    edited();
                }
                return;
            }
            ask("Delete everything under this level? [yes,no] (no) ", true, answer -> {
                if (answer.equals("yes")) {
                    synchronized (device) {
                        replaceCandidate(new ConfigText());
                        edited();
                    }
                }
            });
        }

        /** The candidate this session edits: its private one, or the device's shared one. */
        private ConfigText candidate() {
            return privateCandidate != null ? privateCandidate : device.candidate;
        }

        private void replaceCandidate(ConfigText next) {
            if (privateCandidate != null) {
                privateCandidate = next;
            } else {
                device.candidate = next;
            }
        }

        private void edited() {
            if (privateCandidate == null) {
                device.sharedEdited = true;
            }
        }

        private void commit(String line) {
            if (line.equals("commit check")) {
                out.append("configuration check succeeds\n");
                return;
            }
            Matcher options = COMMIT.matcher(line);
            if (!options.matches()) {
                caret(line, 1);
                out.append("syntax error.\n");
                return;
            }
            Matcher confirmed = CONFIRMED.matcher(options.group(1));
            if (confirmed.find()) {
                int minutes = Integer.parseInt(confirmed.group(1));
                if (minutes < 1 || minutes > 65535) {
                    out.append("error: confirmed commit timeout must be between 1 and 65535 minutes\n");
                    return;
                }
                device.store.commitConfirmed(candidate(), Duration.ofMinutes(minutes));
                out.append("commit confirmed will be automatically rolled back in ").append(minutes)
                        .append(" minutes unless confirmed\n");
            } else {
                device.store.commit(candidate());
            }
            replaceCandidate(device.store.running());
            if (privateCandidate == null) {
                device.sharedEdited = false;
            }
            out.append("commit complete\n");
            if (options.group(1).contains(" and-quit")) {
                out.append("Exiting configuration mode\n");
                configuring = false;
                privateCandidate = null;
            }
        }

        private void rollback(String[] w) {
            int n = w.length == 1 ? 0 : w[1].matches("\\d{1,2}") ? Integer.parseInt(w[1]) : -1;
            ConfigText older = n < 0 ? null : device.store.rollback(n);
            if (older == null) {
                out.append("error: rollback ").append(w.length > 1 ? w[1] : "").append(" does not exist\n");
                return;
            }
            replaceCandidate(older);
            if (privateCandidate == null) {
                device.sharedEdited = n != 0;
            }
            out.append("load complete\n");
        }

        /** Leaving keeps the shared candidate; Junos asks first when it holds uncommitted changes. */
        private void leave() {
            if (privateCandidate != null) {
                privateCandidate = null; // a private candidate's uncommitted changes go with it
                out.append("Exiting configuration mode\n");
                configuring = false;
                return;
            }
            if (!device.uncommitted()) {
                out.append("Exiting configuration mode\n");
                configuring = false;
                return;
            }
            out.append("The configuration has been changed but not committed\n");
            ask("Exit with uncommitted changes? [yes,no] (yes) ", true, answer -> {
                if (answer.isEmpty() || answer.equals("yes")) {
                    out.append("Exiting configuration mode\n");
                    configuring = false;
                }
            });
        }

        /**
         * {@code show | compare}: the changed statements under an {@code [edit ...]} line naming their hierarchy,
         * {@code -} removed (first) and {@code +} added.
         */
        private String compare() {
            List<String> running = device.store.read(ConfigText::lines);
            List<String> candidate = candidate().lines();
            Map<String, List<String>> byHierarchy = new LinkedHashMap<>();
            running.stream().filter(l -> !candidate.contains(l)).forEach(l -> changed(byHierarchy, '-', l));
            candidate.stream().filter(l -> !running.contains(l)).forEach(l -> changed(byHierarchy, '+', l));
            StringBuilder diff = new StringBuilder();
            byHierarchy.forEach((hierarchy, lines) -> {
                diff.append(hierarchy).append('\n');
                lines.forEach(l -> diff.append(l).append('\n'));
            });
            return diff.toString();
        }

        private static void changed(Map<String, List<String>> byHierarchy, char sign, String statement) {
            List<String> path = blocks(statement);
            String hierarchy = "[edit" + (path.size() > 1 ? " " + String.join(" ", path.subList(0, path.size() - 1))
                    : "") + "]";
            byHierarchy.computeIfAbsent(hierarchy, h -> new ArrayList<>())
                    .add(sign + "   " + path.get(path.size() - 1) + ";");
        }

        private void caret(String line, int word) {
            String user = context.username() + "@" + device.hostname();
            out.append(" ".repeat(user.length() + 2 + column(line, word))).append("^\n");
        }

        private void interfacesTerse() {
            out.append("Interface               Admin Link Proto    Local                 Remote\n");
            for (String line : device.store.read(ConfigText::lines)) {
                String[] w = words(line);
                if (w[0].equals("interfaces") && w.length > 7 && w[6].equals("address")) {
                    out.append(String.format("%-23s up    up   inet     %s%n", w[1] + "." + w[3], w[7]));
                }
            }
        }
    }
}
