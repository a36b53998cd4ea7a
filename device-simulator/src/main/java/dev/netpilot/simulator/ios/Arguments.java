package dev.netpilot.simulator.ios;

import dev.netpilot.simulator.ios.CommandTree.Token;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The argument kinds of {@link CommandTree} syntax and how IOS accepts and spells each. */
final class Arguments {

    private static final Pattern RANGE = Pattern.compile("<(\\d+)-(\\d+)>");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern INTERFACE = Pattern.compile("([A-Za-z-]+)\\s*(\\d+(?:/\\d+){0,2}(?:\\.\\d+)?)");
    private static final Pattern INTERFACE_NUMBER = Pattern.compile("\\d+(?:/\\d+){0,2}(?:\\.\\d+)?");
    private static final List<String> INTERFACE_TYPES = List.of("Ethernet", "FastEthernet", "GigabitEthernet",
            "Loopback", "Port-channel", "Serial", "TenGigabitEthernet", "Tunnel", "Vlan");

    private Arguments() {
    }

    static boolean isArgument(String element) {
        return switch (element) {
            case "WORD", "LINE", "A.B.C.D", "IFNAME" -> true;
            default -> element.startsWith("<");
        };
    }

    /**
     * Matches argument {@code kind} at token {@code i}; on success adds its value to {@code out} and
     * returns how many tokens it took, else returns 0.
     */
    static int match(String kind, String line, List<Token> tokens, int i, List<String> out) {
        Token token = tokens.get(i);
        switch (kind) {
            case "WORD" -> {
                out.add(token.text());
                return 1;
            }
            case "LINE" -> {
                out.add(line.substring(token.start()).strip());
                return tokens.size() - i;
            }
            case "A.B.C.D" -> {
                if (!isIpv4(token.text())) {
                    return 0;
                }
                out.add(token.text());
                return 1;
            }
            case "IFNAME" -> {
                // IOS takes "gi0/1" as well as "GigabitEthernet 0/1" (two words)
                boolean split = i + 1 < tokens.size() && token.text().chars().allMatch(Character::isLetter)
                        && INTERFACE_NUMBER.matcher(tokens.get(i + 1).text()).matches();
                String name = interfaceName(split ? token.text() + tokens.get(i + 1).text() : token.text());
                if (name == null) {
                    return 0;
                }
                out.add(name);
                return split ? 2 : 1;
            }
            default -> {
                Matcher range = RANGE.matcher(kind);
                if (!range.matches() || !token.text().matches("\\d{1,10}")) {
                    return 0;
                }
                long n = Long.parseLong(token.text());
                if (n < Long.parseLong(range.group(1)) || n > Long.parseLong(range.group(2))) {
                    return 0;
                }
                out.add(Long.toString(n));
                return 1;
            }
        }
    }

    static boolean isIpv4(String text) {
        Matcher m = IPV4.matcher(text);
        if (!m.matches()) {
            return false;
        }
        for (int g = 1; g <= 4; g++) {
            if (Integer.parseInt(m.group(g)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The full interface name for an abbreviation such as {@code gi0/1}, or null if it names no interface type. */
    static String interfaceName(String text) {
        Matcher m = INTERFACE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String typed = m.group(1);
        String type = null;
        for (String t : INTERFACE_TYPES) {
            if (t.equalsIgnoreCase(typed)) {
                return t + m.group(2);
            }
            if (t.regionMatches(true, 0, typed, 0, typed.length()) && t.length() > typed.length()) {
                if (type != null) {
                    return null; // ambiguous abbreviation, e.g. "t" for Tunnel and TenGigabitEthernet
                }
                type = t;
            }
        }
        return type == null ? null : type + m.group(2);
    }
}
