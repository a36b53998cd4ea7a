package dev.netpilot.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.sshd.common.session.Session;

/** One simulated device: where it listens, and a live view of its state. Thread-safe. */
public final class SimulatedDevice {

    private final String host;
    private final int port;
    private final String platform;
    private final int maxSessions;
    private final DeviceModel model;
    private final LongAdder commands = new LongAdder();
    private final Set<Session> sessions = new HashSet<>(); // guarded by itself
    private volatile int eapiPort;
    private volatile String eapiTransport;

    SimulatedDevice(String host, int port, String platform, int maxSessions, DeviceModel model) {
        this.host = host;
        this.port = port;
        this.platform = platform;
        this.maxSessions = maxSessions;
        this.model = model;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String hostname() {
        return model.hostname();
    }

    public String platform() {
        return platform;
    }

    /** The port of the device's eAPI ({@code arista_eos}), or 0 when it serves none. */
    public int eapiPort() {
        return eapiPort;
    }

    /** Where the device's eAPI answers, e.g. {@code https://127.0.0.1:40123/command-api}, or null. */
    public String eapiUrl() {
        return eapiPort == 0 ? null
                : eapiTransport + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + eapiPort + EapiServer.PATH;
    }

    /** Open SSH sessions to this device right now. */
    public int activeSessions() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    /** Commands the device has run, over all sessions since start. */
    public long commandsExecuted() {
        return commands.sum();
    }

    /** The current running configuration, as 'show running-config' prints its body ({@code \n} line ends). */
    public String runningConfig() {
        return model.runningConfig();
    }

    /** Closes every session to this device at once, without a goodbye, as a device reload or link loss does. */
    public void dropSessions() {
        List<Session> open;
        synchronized (sessions) {
            open = new ArrayList<>(sessions);
        }
        open.forEach(s -> s.close(true));
    }

    @Override
    public String toString() {
        return hostname() + " " + platform + " " + host + ":" + port + (eapiPort == 0 ? "" : " eapi " + eapiUrl());
    }

    DeviceModel model() {
        return model;
    }

    void eapiStarted(int port, String transport) {
        eapiTransport = transport;
        eapiPort = port;
    }

    void countCommand() {
        commands.increment();
    }

    /** Takes a VTY line for a new session; false when all are busy. */
    boolean admit(Session session) {
        synchronized (sessions) {
            return sessions.size() < maxSessions && sessions.add(session);
        }
    }

    void release(Session session) {
        synchronized (sessions) {
            sessions.remove(session);
        }
    }
}
