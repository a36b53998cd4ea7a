package dev.netpilot.simulator.ios;

import dev.netpilot.simulator.CliSession;
import dev.netpilot.simulator.DeviceModel;
import dev.netpilot.simulator.SessionContext;
import dev.netpilot.simulator.SimulatorConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One simulated Cisco IOS router: its configuration, saved configuration and logged-in users. */
final class IosDevice implements DeviceModel {

    final SimulatorConfig config;
    final String serialNumber;
    final Instant bootTime = Instant.now();
    final RunningConfig running = new RunningConfig();
    private volatile String startup;
    private final List<IosSession> sessions = new ArrayList<>(); // guarded by itself

    IosDevice(int index, SimulatorConfig config) {
        this.config = config;
        this.serialNumber = String.format("9SIM%07d", index);
        bootConfig(config.hostname(index));
        this.startup = running.render();
    }

    private void bootConfig(String hostname) {
        String[] globals = {
            "version 15.9",
            "service timestamps debug datetime msec",
            "service timestamps log datetime msec",
            "no service password-encryption",
            "hostname " + hostname,
            "boot-start-marker",
            "boot-end-marker",
            // a stand-in hash: the configured secret itself never appears in the configuration
            "enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM",
            "no aaa new-model",
            "ip domain name lab.netpilot.dev",
            "ip cef",
            "no ipv6 cef",
            "username " + config.username() + " secret 9 $9$F7.sPGAdvSj0cU$VPeK1LmCZiMsbZI.dOSaALaFcuDz3Ov3FWtmFOfoCt2",
        };
        for (String line : globals) {
            running.addLine(line);
        }
        for (int i = 0; i < config.interfaces(); i++) {
            // every odd interface (and the first) is addressed and up, the others are shut down
            boolean up = i == 0 || i % 2 == 1;
            String address = up ? "ip address 10." + (i >> 8 & 255) + "." + (i & 255) + ".1 255.255.255.0" : null;
            running.addSection("interface GigabitEthernet0/" + i, up
                    ? new String[] {address, "duplex auto", "speed auto", "media-type rj45"}
                    : new String[] {"shutdown", "duplex auto", "speed auto", "media-type rj45"});
        }
        running.addLine("ip forward-protocol nd");
        running.addLine("ip ssh version 2");
        running.addSection("control-plane");
        running.addSection("line con 0");
        running.addSection("line aux 0");
        int vtys = config.maxSessions();
        running.addSection("line vty 0 " + Math.min(4, vtys - 1), "login local", "transport input ssh");
        if (vtys > 5) {
            running.addSection("line vty 5 " + (vtys - 1), "login local", "transport input ssh");
        }
    }

    @Override
    public String hostname() {
        return running.hostname();
    }

    @Override
    public String runningConfig() {
        return running.render();
    }

    @Override
    public CliSession openSession(SessionContext context) {
        synchronized (sessions) {
            int vty = 0;
            while (vtyInUse(vty)) {
                vty++;
            }
            IosSession session = new IosSession(this, context, vty);
            sessions.add(session);
            return session;
        }
    }

    void closed(IosSession session) {
        synchronized (sessions) {
            sessions.remove(session);
        }
    }

    /** The logged-in sessions by VTY line, for 'show users'. */
    List<IosSession> sessions() {
        synchronized (sessions) {
            List<IosSession> copy = new ArrayList<>(sessions);
            copy.sort(Comparator.comparingInt(s -> s.vty));
            return copy;
        }
    }

    String startupConfig() {
        return startup;
    }

    void save() {
        startup = running.render();
    }

    /** The MOTD banner text, or null when none is configured. */
    String motd() {
        String line = running.line("banner motd ");
        if (line == null) {
            return null;
        }
        int start = line.indexOf("^C") + 2;
        return line.substring(start, line.lastIndexOf("^C"));
    }

    private boolean vtyInUse(int vty) {
        for (IosSession s : sessions) {
            if (s.vty == vty) {
                return true;
            }
        }
        return false;
    }
}
