package dev.netpilot.simulator.vendor;

import dev.netpilot.simulator.CommandApi;
import dev.netpilot.simulator.Reply;
import dev.netpilot.simulator.SessionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arista eAPI {@code runCmds} on an EOS device. Every request gets a new CLI session (starting unprivileged, as an eAPI
 * request does), and each command runs through it exactly as if typed over SSH, so modes, errors and configuration
 * are the SSH personality's. With {@code format: json} a show command's result is its JSON model, written from the
 * shapes Arista documents (field names and types); a show command without one fails with 1003 (unconverted), as on
 * EOS; other commands give {@code {}} or their messages.
 */
final class EosCommandApi implements CommandApi {

    static final String VERSION = "4.28.0F";
    static final String MODEL = "vEOS-lab";
    static final String SYSTEM_MAC = "52:54:00:12:34:56";
    static final int INVALID_COMMAND = 1002;
    static final int COULD_NOT_RUN = 1000;
    static final int UNCONVERTED = 1003;

    private final CiscoStyle.Device device;
    private final Instant booted = Instant.now().minus(Duration.ofHours(1));

    EosCommandApi(CiscoStyle.Device device) {
        this.device = device;
    }

    @Override
    public Outcome runCmds(List<Command> commands, boolean json, SessionContext context) {
        CiscoStyle.Session session = new CiscoStyle.Session(device, context);
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i);
            String cmd = command.cmd().strip();
            Reply reply = session.line(cmd);
            StringBuilder output = new StringBuilder(reply.output());
            if (!reply.echo()) { // a password question (enable): eAPI answers it with the command's input
                output.append(session.line(command.input() == null ? "" : command.input()).output());
            }
            String text = output.toString();
            String error = firstError(text);
            String where = "CLI command " + (i + 1) + " of " + commands.size() + " '" + cmd + "' failed: ";
            if (error != null) {
                Map<String, Object> failed = new LinkedHashMap<>();
                if (!json) {
                    failed.put("output", text);
                }
                failed.put("errors", List.of(error));
                data.add(failed);
                boolean denied = error.startsWith("Access denied");
                return new Outcome(data, denied ? COULD_NOT_RUN : INVALID_COMMAND,
                        where + (denied ? "could not run command" : "invalid command"));
            }
            if (!json) {
                data.add(Map.of("output", text));
                continue;
            }
            Map<String, Object> model = model(cmd);
            if (model == null && cmd.startsWith("show ")) {
                data.add(Map.of("errors", List.of("This is an unconverted command")));
                return new Outcome(data, UNCONVERTED, where + "unconverted command");
            }
            data.add(model != null ? model : text.isBlank() ? Map.of() : Map.of("messages", List.of(text.strip())));
        }
        return new Outcome(data, 0, null);
    }

    /** The text of the first {@code % ...} line of an output (an EOS error), or null. */
    private static String firstError(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith("% ")) {
                return line.substring(2).strip();
            }
        }
        return null;
    }

    /** The JSON model of a show command, or null when it has none. */
    private Map<String, Object> model(String cmd) {
        ConfigText running = device.store.running();
        return switch (cmd) {
            case "show version" -> version();
            case "show hostname" -> Map.of("hostname", device.hostname(), "fqdn", device.hostname());
            case "show interfaces" -> interfaces(running);
            case "show interfaces status" -> interfaceStatuses(running);
            case "show ip interface brief" -> interfaceBrief(running);
            case "show running-config" -> runningConfig(running);
            default -> null;
        };
    }

    private Map<String, Object> version() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("mfgName", "Arista");
        version.put("modelName", MODEL);
        version.put("hardwareRevision", "");
        version.put("serialNumber", device.serial);
        version.put("systemMacAddress", SYSTEM_MAC);
        version.put("hwMacAddress", "00:00:00:00:00:00");
        version.put("configMacAddress", "00:00:00:00:00:00");
        version.put("version", VERSION);
        version.put("architecture", "x86_64");
        version.put("internalVersion", VERSION + "-27024053.4280F");
        version.put("internalBuildId", "b4f6e6f6-0d8b-4b2e-9a4c-3e1b5c6d7e8f");
        version.put("imageFormatVersion", "1.0");
        version.put("imageOptimization", "None");
        version.put("bootupTimestamp", booted.toEpochMilli() / 1000.0);
        version.put("uptime", Duration.between(booted, Instant.now()).toMillis() / 1000.0);
        version.put("memTotal", 4001836);
        version.put("memFree", 2565040);
        version.put("isIntlVersion", false);
        return version;
    }

    private Map<String, Object> interfaces(ConfigText running) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Port port : Port.all(running)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", port.name());
            entry.put("forwardingModel", "routed");
            entry.put("lineProtocolStatus", port.protocol());
            entry.put("interfaceStatus", port.status());
            entry.put("hardware", "ethernet");
            List<Object> addresses = new ArrayList<>();
            if (port.address() != null) {
                Map<String, Object> address = new LinkedHashMap<>();
                address.put("primaryIp", Map.of("address", port.address(), "maskLen", port.maskLen()));
                address.put("secondaryIps", Map.of());
                address.put("secondaryIpsOrderedList", List.of());
                address.put("broadcastAddress", "255.255.255.255");
                address.put("dhcp", false);
                addresses.add(address);
            }
            entry.put("interfaceAddress", addresses);
            entry.put("physicalAddress", port.mac());
            entry.put("burnedInAddress", port.mac());
            entry.put("description", port.description());
            entry.put("bandwidth", 1_000_000_000L);
            entry.put("mtu", port.mtu());
            entry.put("l3MtuConfigured", false);
            entry.put("lastStatusChangeTimestamp", booted.toEpochMilli() / 1000.0);
            all.put(port.name(), entry);
        }
        return Map.of("interfaces", all);
    }

    private static Map<String, Object> interfaceStatuses(ConfigText running) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Port port : Port.all(running)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("description", port.description());
            entry.put("linkStatus", port.status());
            entry.put("lineProtocolStatus", port.protocol());
            entry.put("vlanInformation", Map.of("interfaceMode", "routed", "interfaceForwardingModel", "routed"));
            entry.put("bandwidth", 1_000_000_000L);
            entry.put("interfaceType", "EbraTestPhyPort");
            entry.put("duplex", "duplexFull");
            entry.put("autoNegotiateActive", false);
            all.put(port.name(), entry);
        }
        return Map.of("interfaceStatuses", all);
    }

    private static Map<String, Object> interfaceBrief(ConfigText running) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Port port : Port.all(running)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", port.name());
            entry.put("lineProtocolStatus", port.protocol());
            entry.put("interfaceStatus", port.status());
            entry.put("mtu", port.mtu());
            entry.put("interfaceAddress", Map.of("ipAddr", Map.of(
                    "address", port.address() == null ? "0.0.0.0" : port.address(), "maskLen", port.maskLen())));
            entry.put("nonRoutableClassEIntf", false);
            all.put(port.name(), entry);
        }
        return Map.of("interfaces", all);
    }

    /** EOS's nested form: each line a key of {@code cmds}, a section's lines in its own {@code cmds}. */
    private Map<String, Object> runningConfig(ConfigText running) {
        Map<String, Object> cmds = new LinkedHashMap<>();
        for (String line : running.lines()) {
            List<String> children = running.children(line);
            if (running.isSection(line)) {
                Map<String, Object> inner = new LinkedHashMap<>();
                children.forEach(child -> inner.put(child, null));
                Map<String, Object> section = new LinkedHashMap<>();
                section.put("cmds", inner);
                section.put("comments", List.of());
                cmds.put(line, section);
            } else {
                cmds.put(line, null);
            }
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("cmds", cmds);
        config.put("comments", List.of());
        config.put("header", List.of("! device: " + device.hostname() + " (" + MODEL + ", EOS-" + VERSION + ")\n"));
        return config;
    }

    /** An interface as the shows print it, read from the running configuration. */
    record Port(String name, String description, String address, int maskLen, boolean shutdown, int mtu, int index) {

        static List<Port> all(ConfigText running) {
            List<Port> ports = new ArrayList<>();
            for (String header : running.headers("interface ")) {
                List<String> lines = running.children(header);
                String description = "";
                String address = null;
                int maskLen = 0;
                int mtu = 1500;
                for (String line : lines) {
                    String[] w = LineSession.words(line);
                    if (line.startsWith("description ")) {
                        description = line.substring("description ".length());
                    } else if (line.startsWith("ip address ") && w.length >= 3) {
                        String[] cidr = w[2].split("/");
                        address = cidr[0];
                        maskLen = cidr.length == 2 ? Integer.parseInt(cidr[1]) : w.length > 3 ? maskLen(w[3]) : 32;
                    } else if (line.startsWith("mtu ") && w.length == 2 && w[1].matches("\\d{1,5}")) {
                        mtu = Integer.parseInt(w[1]);
                    }
                }
                ports.add(new Port(header.substring("interface ".length()), description, address, maskLen,
                        lines.contains("shutdown"), mtu, ports.size() + 1));
            }
            return ports;
        }

        String status() {
            return shutdown ? "disabled" : "connected";
        }

        String protocol() {
            return shutdown ? "down" : "up";
        }

        String mac() {
            return String.format("52:54:00:00:%02x:%02x", (index >> 8) & 0xff, index & 0xff);
        }

        private static int maskLen(String mask) {
            int bits = 0;
            for (String octet : mask.split("\\.")) {
                bits += octet.matches("\\d{1,3}") ? Integer.bitCount(Integer.parseInt(octet) & 0xff) : 0;
            }
            return bits;
        }
    }
}
