package dev.netpilot.simulator.vendor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration as a CLI shows it: top-level lines in the order they were added, some of them section headers
 * ({@code interface X}) with indented lines. Thread-safe; {@link #copy()} makes a candidate.
 */
final class ConfigText {

    /** Header or line -> lines inside it (null for a plain top-level line). */
    private final Map<String, List<String>> entries = new LinkedHashMap<>();

    synchronized ConfigText copy() {
        ConfigText copy = new ConfigText();
        entries.forEach((line, children) -> copy.entries.put(line, children == null ? null : new ArrayList<>(children)));
        return copy;
    }

    /**
     * Adds a line at the top level ({@code section} null) or in a section, replacing the line that sets the same
     * thing: one starting with the same of the {@code singleValued} prefixes ({@code hostname }, {@code description }).
     */
    synchronized void set(String section, String line, List<String> singleValued) {
        String prefix = singleValued.stream().filter(line::startsWith).findFirst().orElse(line);
        if (section == null) {
            if (!entries.containsKey(line)) {
                entries.keySet().removeIf(existing -> entries.get(existing) == null && existing.startsWith(prefix));
                entries.put(line, null);
            }
            return;
        }
        List<String> children = entries.computeIfAbsent(section, s -> new ArrayList<>());
        children.removeIf(existing -> existing.startsWith(prefix));
        children.add(line);
    }

    synchronized void openSection(String header) {
        entries.computeIfAbsent(header, s -> new ArrayList<>());
    }

    /** Removes the lines starting with {@code prefix} (a {@code no}/{@code undo}/{@code delete}); false if none. */
    synchronized boolean remove(String section, String prefix) {
        if (section == null) {
            return entries.keySet().removeIf(line -> line.equals(prefix) || line.startsWith(prefix + " "));
        }
        List<String> children = entries.get(section);
        return children != null && children.removeIf(line -> line.equals(prefix) || line.startsWith(prefix + " "));
    }

    /** The rest of the first top-level line starting with {@code prefix}, or null. */
    synchronized String value(String prefix) {
        for (String line : entries.keySet()) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        return null;
    }

    /** Whether {@code line} is a section header (possibly with no lines yet) rather than a plain line. */
    synchronized boolean isSection(String line) {
        return entries.get(line) != null;
    }

    synchronized List<String> headers(String prefix) {
        return entries.keySet().stream().filter(line -> line.startsWith(prefix)).toList();
    }

    synchronized List<String> children(String header) {
        List<String> children = entries.get(header);
        return children == null ? List.of() : List.copyOf(children);
    }

    /** Top-level lines in order (for set-style configurations without sections). */
    synchronized List<String> lines() {
        return List.copyOf(entries.keySet());
    }

    /**
     * The configuration text: each section's lines indented by {@code indent}, and {@code separator} (a line such as
     * {@code !} or {@code #}) after each section and between plain lines and sections.
     */
    synchronized String render(String indent, String separator) {
        StringBuilder text = new StringBuilder();
        boolean lastWasSection = false;
        for (Map.Entry<String, List<String>> entry : entries.entrySet()) {
            boolean section = entry.getValue() != null;
            if (section && !lastWasSection && text.length() > 0) {
                text.append(separator).append('\n');
            }
            text.append(entry.getKey()).append('\n');
            if (section) {
                entry.getValue().forEach(child -> text.append(indent).append(child).append('\n'));
                text.append(separator).append('\n');
            }
            lastWasSection = section;
        }
        return text.toString();
    }

    @Override
    public synchronized boolean equals(Object other) {
        return other instanceof ConfigText that && render("", "").equals(that.render("", ""));
    }

    @Override
    public synchronized int hashCode() {
        return render("", "").hashCode();
    }
}
