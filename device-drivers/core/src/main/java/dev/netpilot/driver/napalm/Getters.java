package dev.netpilot.driver.napalm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NAPALM's getter outputs ({@code get_facts}, {@code get_interfaces}) read from the devices' CLI text, with NAPALM's
 * documented keys. What a device's summary does not show is NAPALM's "unknown": {@code -1} for numbers, {@code ""}
 * for text.
 */
final class Getters {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s+(week|day|hour|minute|second)s?");
    private static final Pattern HOSTNAME = Pattern.compile("(?m)^hostname (\\S+)");

    private Getters() {
    }

    /** {@code get_facts} from {@code show version}, the running config (Cisco-style hostname) and the interfaces. */
    static Map<String, Object> facts(NapalmPlatform platform, String version, String running,
                                     Map<String, Map<String, Object>> interfaces) {
        String hostname = switch (platform) {
            case JUNOS -> find(version, "(?m)^Hostname: (\\S+)");
            default -> find(running, HOSTNAME.pattern());
        };
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("uptime", uptime(switch (platform) {
            case EOS -> find(version, "(?m)^Uptime: (.+)$");
            case IOSXR -> find(version, "(?m)uptime is (.+)$");
            case JUNOS -> "";
        }));
        facts.put("vendor", platform.vendor());
        facts.put("os_version", switch (platform) {
            case EOS -> find(version, "(?m)^Software image version: (\\S+)");
            case IOSXR -> find(version, "Version (\\S+)");
            case JUNOS -> find(version, "(?m)^Junos: (\\S+)");
        });
        facts.put("serial_number", platform == NapalmPlatform.EOS ? find(version, "(?m)^Serial number: (\\S+)") : "");
        facts.put("model", switch (platform) {
            case EOS -> find(version, "(?m)^Arista (\\S+)");
            case IOSXR -> find(version, "(?m)^cisco (.+?)(?: \\([^)]*\\))? processor");
            case JUNOS -> find(version, "(?m)^Model: (\\S+)");
        });
        facts.put("hostname", hostname);
        facts.put("fqdn", hostname);
        facts.put("interface_list", new ArrayList<>(interfaces.keySet()));
        return facts;
    }

    /**
     * {@code get_interfaces} from the interface summary: Cisco-style {@code Interface IP-Address Status Protocol}
     * rows (status {@code admin-down}/{@code administratively down}/{@code Shutdown} means disabled), or Junos'
     * {@code show interfaces terse} (Admin and Link columns; logical units folded into their interface).
     */
    static Map<String, Map<String, Object>> interfaces(NapalmPlatform platform, String summary) {
        Map<String, Map<String, Object>> interfaces = new LinkedHashMap<>();
        for (String line : summary.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length < 3 || w[0].equals("Interface") || !w[0].matches(".*\\d.*") || !w[0].matches("[A-Za-z].*")) {
                continue;
            }
            boolean enabled;
            boolean up;
            String name = w[0];
            if (platform == NapalmPlatform.JUNOS) {
                name = name.replaceFirst("\\.\\d+$", "");
                enabled = w[1].equals("up");
                up = w[2].equals("up");
            } else {
                if (w.length < 4) {
                    continue;
                }
                String status = line.toLowerCase(Locale.ROOT);
                enabled = !(status.contains("admin") || status.contains("shutdown") || status.contains("disabled"));
                up = w[w.length - 1].equalsIgnoreCase("up") || w[3].equalsIgnoreCase("up");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("is_up", up);
            entry.put("is_enabled", enabled);
            entry.put("description", "");
            entry.put("last_flapped", -1.0);
            entry.put("speed", -1.0);
            entry.put("mtu", -1);
            entry.put("mac_address", "");
            interfaces.putIfAbsent(name, entry);
        }
        return interfaces;
    }

    /** Seconds in "1 hour and 5 minutes", "2 days, 3 hours"; -1 when not known. */
    static double uptime(String text) {
        Matcher m = DURATION.matcher(text);
        double seconds = 0;
        boolean found = false;
        while (m.find()) {
            found = true;
            long n = Long.parseLong(m.group(1));
            seconds += n * switch (m.group(2)) {
                case "week" -> 604800;
                case "day" -> 86400;
                case "hour" -> 3600;
                case "minute" -> 60;
                default -> 1;
            };
        }
        return found ? seconds : -1.0;
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1).strip() : "";
    }
}
