package dev.netpilot.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.concurrent.CountDownLatch;

/** The simulator's command line: parses the flags, starts the devices, prints them and runs until killed. */
final class SimulatorCommandLine {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** The options that take a value, and where each value goes. */
    private static final Map<String, BiConsumer<SimulatorConfig.Builder, String>> OPTIONS = Map.ofEntries(
            Map.entry("--devices", (b, v) -> b.devices(number("--devices", v))),
            Map.entry("--base-port", (b, v) -> b.basePort(number("--base-port", v))),
            Map.entry("--bind", SimulatorConfig.Builder::bindAddress),
            Map.entry("--platform", SimulatorConfig.Builder::platform),
            Map.entry("--username", SimulatorConfig.Builder::username),
            Map.entry("--password", SimulatorConfig.Builder::password),
            Map.entry("--enable-secret", SimulatorConfig.Builder::enableSecret),
            Map.entry("--latency-ms", (b, v) -> b.latency(Duration.ofMillis(number("--latency-ms", v)))),
            Map.entry("--interfaces", (b, v) -> b.interfaces(number("--interfaces", v))),
            Map.entry("--time-scale", (b, v) -> b.timeScale(number("--time-scale", v))),
            Map.entry("--hostname-prefix", SimulatorConfig.Builder::hostnamePrefix),
            Map.entry("--max-sessions", (b, v) -> b.maxSessions(number("--max-sessions", v))),
            Map.entry("--host-key-file", (b, v) -> b.hostKeyFile(Path.of(v))),
            Map.entry("--eapi", SimulatorConfig.Builder::eapi));

    private static final String USAGE_TEXT = """
            Usage: java -cp <classpath> dev.netpilot.simulator.DeviceSimulator [options]

            Hosts simulated network devices over SSH in one process, one port per device.
              --devices N            number of devices (default 1)
              --base-port P          port of the first device, device i gets P+i-1 (default 0: free ports)
              --bind ADDRESS         address to listen on (default 127.0.0.1)
              --platform NAME[,NAME] device personality, or a list that devices cycle through (default cisco_ios):
                                     cisco_ios, cisco_nxos, cisco_xr, arista_eos, juniper_junos, huawei,
                                     huawei_vrpv8, hp_comware, linux
              --username USER        login user (default admin)
              --password PASS        login password (default admin)
              --enable-secret S      enable secret (default secret)
              --latency-ms MS        delay before every reply, in milliseconds (default 0)
              --interfaces N         GigabitEthernet interfaces per device (default 4)
              --time-scale N         device timers (confirmed-commit rollbacks) run N times faster (default 1)
              --hostname-prefix P    hostnames are P-001, P-002, ... (default sim)
              --max-sessions N       VTY lines per device; more sessions are refused (default 16)
              --paging-locked        'terminal length 0' is accepted but paging stays on
              --host-key-file FILE   use this private key instead of a generated EC P-256 key
              --eapi MODE            how arista_eos devices serve eAPI, each on a free port of its own:
                                     https (default, self-signed certificate), http or off
              --help                 print this text
            Runs until killed (Ctrl-C or SIGTERM closes every session and port).
            """;

    private SimulatorCommandLine() {
    }

    /** Returns the process exit code: 0 after a clean stop or --help, 1 when starting failed, 2 for bad arguments. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        SimulatorConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("device-simulator: " + e.getMessage());
            err.println("Try --help for the options.");
            return USAGE;
        }
        if (config == null) {
            out.print(USAGE_TEXT);
            return OK;
        }
        DeviceSimulator simulator;
        try {
            simulator = DeviceSimulator.start(config);
        } catch (IOException e) {
            err.println("device-simulator: " + e.getMessage());
            return FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        printSummary(simulator, config, out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    private static void printSummary(DeviceSimulator simulator, SimulatorConfig config, PrintStream out) {
        var devices = simulator.devices();
        int first = devices.get(0).port();
        int last = devices.get(devices.size() - 1).port();
        out.printf("device-simulator: %d %s device(s) on %s %s, login %s, host key %s%n",
                devices.size(), config.platform(), config.bindAddress(),
                first == last ? "port " + first : "ports " + first + "-" + last,
                config.username(), simulator.hostKeyFingerprint());
        StringBuilder lines = new StringBuilder();
        for (SimulatedDevice d : devices) {
            lines.append(d).append('\n'); // "sim-001 cisco_ios 127.0.0.1:10022", eAPI URL after it
        }
        out.print(lines);
        out.flush();
    }

    /** Returns null when --help was asked for. */
    static SimulatorConfig parse(String[] args) {
        SimulatorConfig.Builder b = SimulatorConfig.builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (flag.equals("--paging-locked")) {
                b.pagingLocked(true);
                continue;
            }
            BiConsumer<SimulatorConfig.Builder, String> option = OPTIONS.get(flag);
            if (option == null) {
                throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = args[++i];
            }
            option.accept(b, value);
        }
        return b.build();
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
        }
    }
}
