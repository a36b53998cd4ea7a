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

/**
 * Juniper Junos as an EX virtual-chassis member: operational mode {@code user@host>}, configuration mode
 * {@code user@host#} under an {@code [edit]} line, {@code {master:0}} above every prompt. The configuration is a
 * list of {@code set} statements; {@code configure} edits the device's shared candidate, {@code commit} applies it,
 * {@code commit confirmed N} rolls back after N minutes unless confirmed, {@code rollback N} loads an older one.
 */
public final class Junos implements Personality {

    private static final Set<String> HIERARCHIES = Set.of("system", "interfaces", "protocols", "routing-options",
            "snmp", "vlans", "policy-options", "firewall", "chassis");
    /** Statements that hold one value: setting them again replaces it. */
    private static final List<String> SINGLE_VALUED = List.of("system host-name ", "system domain-name ");
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
            store = new CommitStore(boot);
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
            return !candidate.equals(store.running());
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
                case "configure", "configure private", "edit" -> {
                    if (device.uncommitted()) {
                        out.append("The configuration has been changed but not committed\n");
                    }
                    out.append("Entering configuration mode\n");
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
                    case "delete" -> {
                        if (w.length < 2 || !device.candidate.remove(null, line.substring(7).strip())) {
                            out.append("warning: statement not found\n");
                        }
                    }
                    case "commit" -> commit(line, w);
                    case "rollback" -> rollback(w);
                    case "show" -> out.append(line.equals("show | compare") ? compare()
                            : braces(device.candidate));
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
                device.candidate.set(null, line.substring(4).strip(), SINGLE_VALUED);
            }
        }

        private void commit(String line, String[] w) {
            if (line.equals("commit check")) {
                out.append("configuration check succeeds\n");
                return;
            }
            if (line.equals("commit") || line.equals("commit and-quit")) {
                device.store.commit(device.candidate);
            } else if (w.length == 3 && w[1].equals("confirmed") && w[2].matches("\\d{1,5}")) {
                device.store.commitConfirmed(device.candidate, Duration.ofMinutes(Integer.parseInt(w[2])));
                out.append("commit confirmed will be automatically rolled back in ").append(w[2])
                        .append(" minutes unless confirmed\n");
            } else {
                caret(line, 1);
                out.append("syntax error.\n");
                return;
            }
            device.candidate = device.store.running();
            out.append("commit complete\n");
            if (line.endsWith("and-quit")) {
                out.append("Exiting configuration mode\n");
                configuring = false;
            }
        }

        private void rollback(String[] w) {
            int n = w.length == 1 ? 0 : w[1].matches("\\d{1,2}") ? Integer.parseInt(w[1]) : -1;
            ConfigText older = n < 0 ? null : device.store.rollback(n);
            if (older == null) {
                out.append("error: rollback ").append(w.length > 1 ? w[1] : "").append(" does not exist\n");
                return;
            }
            device.candidate = older;
            out.append("load complete\n");
        }

        /** Leaving keeps the shared candidate; Junos asks first when it holds uncommitted changes. */
        private void leave() {
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

        private String compare() {
            List<String> running = device.store.read(ConfigText::lines);
            List<String> candidate = device.candidate.lines();
            StringBuilder diff = new StringBuilder();
            running.stream().filter(l -> !candidate.contains(l)).forEach(l -> diff.append("- ").append(l).append('\n'));
            candidate.stream().filter(l -> !running.contains(l)).forEach(l -> diff.append("+ ").append(l).append('\n'));
            return diff.toString();
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
