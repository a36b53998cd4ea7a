package dev.netpilot.simulator.ios;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The running configuration of one IOS device: top-level lines and sections (interface, router, line,
 * vlan) kept in the order IOS prints them. Thread-safe: sessions of one device run on different threads.
 */
final class RunningConfig {

    /** Groups of top-level commands in IOS's print order; a {@code !} line separates groups. */
    private static final List<List<String>> GLOBAL_ORDER = List.of(
            List.of("version", "service"),
            List.of("hostname"),
            List.of("boot-start-marker", "boot-end-marker"),
            List.of("enable"),
            List.of("aaa"),
            List.of("ip"),
            List.of("ipv6"),
            List.of("username"),
            List.of("vlan"),
            List.of("interface"),
            List.of("router"),
            List.of("ip forward-protocol", "ip http", "ip route", "ip ssh"),
            List.of("logging"),
            List.of("snmp-server"),
            List.of("control-plane"),
            List.of("banner"),
            List.of("line"),
            List.of("ntp"));

    /** Print order of the commands inside sections, by the section's first word. */
    private static final List<List<String>> INTERFACE_ORDER = singletons(
            "description", "mtu", "switchport", "ip address", "ip", "shutdown");
    private static final List<List<String>> LINE_ORDER = singletons(
            "exec-timeout", "privilege", "logging", "password", "login", "transport");
    private static final List<List<String>> ROUTER_ORDER = singletons(
            "router-id", "bgp", "log-adjacency-changes", "passive-interface", "network", "default-information",
            "neighbor");
    private static final List<List<String>> ANY_ORDER = List.of();

    /** A top-level line, or a section header with its lines (children null for a plain line). */
    private static final class Entry {
        final String line;
        final List<String> children;
        /** Changed from the CLI since boot ('show ip interface brief' prints "manual" instead of "NVRAM"). */
        boolean edited;

        Entry(String line, boolean section) {
            this.line = line;
            this.children = section ? new ArrayList<>() : null;
        }
    }

    /** One interface as 'show ip interface brief' lists it. */
    record Interface(String name, String address, boolean shutdown, boolean edited) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized String hostname() {
        for (Entry e : entries) {
            if (e.line.startsWith("hostname ")) {
                return e.line.substring("hostname ".length());
            }
        }
        return "Router";
    }

    /**
     * Adds a command where IOS prints it, replacing the one it overrides: two commands are the same
     * setting when their first {@code key} words match ({@code key} 0: only the identical line).
     *
     * @param section the header of the section it goes in, or null for a top-level command
     */
    synchronized void set(String section, String line, int key) {
        if (section == null) {
            entries.removeIf(e -> e.children == null && sameSetting(e.line, line, key));
            entries.add(insertionPoint(topLevelLines(), GLOBAL_ORDER, line), new Entry(line, false));
        } else {
            Entry s = sectionOf(section);
            s.children.removeIf(l -> sameSetting(l, line, key));
            s.children.add(insertionPoint(s.children, orderOf(section), line), line);
            s.edited = true;
        }
    }

    /** The {@code no} form: removes the commands that start with {@code words} from a section or the top level. */
    synchronized void remove(String section, String words) {
        if (section == null) {
            entries.removeIf(e -> e.children == null && startsWithWords(e.line, words));
        } else {
            Entry s = sectionOf(section);
            s.edited |= s.children.removeIf(l -> startsWithWords(l, words));
        }
    }

    /** Finds or creates the section with this header, e.g. {@code interface Loopback0}. */
    synchronized void openSection(String header) {
        sectionOf(header);
    }

    synchronized void removeSection(String header) {
        entries.removeIf(e -> e.children != null && e.line.equals(header));
    }

    /** Adds a section as it is at boot, with its lines in the given order. */
    synchronized void addSection(String header, String... lines) {
        Entry e = new Entry(header, true);
        e.children.addAll(Arrays.asList(lines));
        entries.add(e);
    }

    /** Adds a top-level line as it is at boot. */
    synchronized void addLine(String line) {
        entries.add(new Entry(line, false));
    }

    synchronized List<Interface> interfaces() {
        List<Interface> found = new ArrayList<>();
        for (Entry e : entries) {
            if (e.children != null && e.line.startsWith("interface ")) {
                String address = "unassigned";
                for (String l : e.children) {
                    if (l.startsWith("ip address ")) {
                        address = l.split(" ")[2];
                    }
                }
                found.add(new Interface(e.line.substring("interface ".length()), address,
                        e.children.contains("shutdown"), e.edited));
            }
        }
        return found;
    }

    /** The text of the first top-level line starting with {@code prefix}, or null. */
    synchronized String line(String prefix) {
        for (Entry e : entries) {
            if (e.children == null && e.line.startsWith(prefix)) {
                return e.line;
            }
        }
        return null;
    }

    /** The configuration as 'show running-config' prints it after its header: from the first '!' to 'end'. */
    synchronized String render() {
        StringBuilder b = new StringBuilder("!\n");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            b.append(e.line).append('\n');
            if (e.children != null) {
                for (String child : childrenToPrint(e)) {
                    b.append(' ').append(child).append('\n');
                }
            }
            Entry next = i + 1 < entries.size() ? entries.get(i + 1) : null;
            boolean lineSections = e.line.startsWith("line ") && next != null && next.line.startsWith("line ");
            boolean sameGroup = next != null && rank(GLOBAL_ORDER, next.line) == rank(GLOBAL_ORDER, e.line);
            if (!sameGroup || (e.children != null && !lineSections)) {
                b.append("!\n");
            }
        }
        return b.append("end\n").toString();
    }

    /** An interface without an address prints "no ip address", as IOS does. */
    private static List<String> childrenToPrint(Entry e) {
        if (!e.line.startsWith("interface ") || e.children.stream().anyMatch(l -> l.startsWith("ip address "))) {
            return e.children;
        }
        List<String> printed = new ArrayList<>(e.children);
        int at = insertionPoint(printed, INTERFACE_ORDER, "no ip address");
        printed.add(at, "no ip address");
        return printed;
    }

    /**
     * The section with this header, created where it belongs if missing (also when another session
     * removed it while this one still edits it in a sub-mode).
     */
    private Entry sectionOf(String header) {
        for (Entry e : entries) {
            if (e.children != null && e.line.equals(header)) {
                return e;
            }
        }
        Entry e = new Entry(header, true);
        e.edited = true;
        entries.add(insertionPoint(topLevelLines(), GLOBAL_ORDER, header), e);
        return e;
    }

    private List<String> topLevelLines() {
        return entries.stream().map(e -> e.line).toList();
    }

    /** Where a line goes: after the last line that prints in its group or an earlier one. */
    private static int insertionPoint(List<String> lines, List<List<String>> order, String line) {
        int rank = rank(order, line);
        int at = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (rank(order, lines.get(i)) <= rank) {
                at = i + 1;
            }
        }
        return at;
    }

    private static List<List<String>> orderOf(String section) {
        if (section.startsWith("interface ")) {
            return INTERFACE_ORDER;
        }
        if (section.startsWith("line ")) {
            return LINE_ORDER;
        }
        return section.startsWith("router ") ? ROUTER_ORDER : ANY_ORDER;
    }

    private static boolean sameSetting(String existing, String line, int key) {
        if (key == 0) {
            return existing.equals(line);
        }
        String[] a = existing.split(" ");
        String[] b = line.split(" ");
        return a.length >= key && b.length >= key && Arrays.equals(a, 0, key, b, 0, key);
    }

    private static boolean startsWithWords(String line, String words) {
        return line.equals(words) || line.startsWith(words + " ") || line.startsWith(words + "\n");
    }

    /** The group a line prints in: the one with its longest matching leading words ("no" is ignored). */
    private static int rank(List<List<String>> order, String line) {
        String l = line.startsWith("no ") ? line.substring(3) : line;
        int best = order.size();
        int bestLength = -1;
        for (int g = 0; g < order.size(); g++) {
            for (String prefix : order.get(g)) {
                if (startsWithWords(l, prefix) && prefix.length() > bestLength) {
                    best = g;
                    bestLength = prefix.length();
                }
            }
        }
        return best;
    }

    private static List<List<String>> singletons(String... prefixes) {
        return Arrays.stream(prefixes).map(List::of).toList();
    }
}
