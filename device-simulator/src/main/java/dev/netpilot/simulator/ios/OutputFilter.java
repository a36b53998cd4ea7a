package dev.netpilot.simulator.ios;

import dev.netpilot.simulator.ios.CommandTree.Parse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What follows {@code |} after a show command: {@code include}, {@code exclude}, {@code begin}, {@code section}, {@code count}. */
final class OutputFilter {

    enum Kind { BEGIN, COUNT, EXCLUDE, INCLUDE, SECTION }

    private static final CommandTree<Kind> FILTERS = new CommandTree<>();

    static {
        for (Kind kind : Kind.values()) {
            FILTERS.add(kind.name().toLowerCase() + " LINE", kind);
        }
    }

    private OutputFilter() {
    }

    /** Parses the text after the bar; columns in errors are relative to it. */
    static Parse<Kind> parse(String afterBar) {
        return FILTERS.parse(afterBar, false);
    }

    /** Filters command output ({@code \n} line ends) by a regular expression, as IOS does. */
    static String apply(Kind kind, String regex, String output) {
        Pattern pattern = compile(regex);
        List<String> lines = List.of(output.split("\n"));
        List<String> kept = new ArrayList<>();
        switch (kind) {
            case INCLUDE, EXCLUDE -> {
                for (String l : lines) {
                    if (pattern.matcher(l).find() == (kind == Kind.INCLUDE)) {
                        kept.add(l);
                    }
                }
            }
            case BEGIN -> {
                boolean found = false;
                for (String l : lines) {
                    found |= pattern.matcher(l).find();
                    if (found) {
                        kept.add(l);
                    }
                }
            }
            case SECTION -> {
                // a section is a line and the indented lines under it; keep every section with a match
                int start = 0;
                for (int i = 1; i <= lines.size(); i++) {
                    if (i == lines.size() || !lines.get(i).startsWith(" ")) {
                        List<String> block = lines.subList(start, i);
                        if (block.stream().anyMatch(l -> pattern.matcher(l).find())) {
                            kept.addAll(block);
                        }
                        start = i;
                    }
                }
            }
            case COUNT -> {
                long n = lines.stream().filter(l -> pattern.matcher(l).find()).count();
                kept.add("Number of lines which match regexp = " + n);
            }
        }
        return kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
    }

    /** A pattern Java cannot compile is matched literally rather than failing the command. */
    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return Pattern.compile(Pattern.quote(regex));
        }
    }
}
