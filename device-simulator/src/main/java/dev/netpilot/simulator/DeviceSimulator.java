package dev.netpilot.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;

/**
 * Many simulated network devices in one process: one MINA SSH server whose single acceptor listens on
 * one port per device, so all devices share one small pool of NIO threads. A session's local port tells
 * which device it reached. Start with {@link #start}, or run {@link #main} from the command line.
 */
public final class DeviceSimulator implements AutoCloseable {

    /** The device a session belongs to, set when the session is accepted. */
    static final AttributeKey<SimulatedDevice> DEVICE = new AttributeKey<>();

    private final MultiPortServer server;
    private final List<SimulatedDevice> devices;
    private final String hostKeyFingerprint;
    private final EapiServer eapi;

    private DeviceSimulator(MultiPortServer server, List<SimulatedDevice> devices, String hostKeyFingerprint,
                            EapiServer eapi) {
        this.server = server;
        this.devices = devices;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.eapi = eapi;
    }

    /**
     * Binds every device's port and returns once all of them accept connections.
     *
     * @throws IOException when a port cannot be bound or the host key file cannot be read
     */
    public static DeviceSimulator start(SimulatorConfig config) throws IOException {
        // with mixed platforms the server announces the first one's version: MINA sends it before the port is known
        Personality personality = Personalities.of(config.platform(1));
        List<KeyPair> hostKeys = config.hostKeyFile() == null
                ? List.of(HostKeys.generated())
                : HostKeys.load(config.hostKeyFile());
        Map<Integer, SimulatedDevice> byPort = new ConcurrentHashMap<>();
        MultiPortServer server = (MultiPortServer) ServerBuilder.builder().factory(MultiPortServer::new).build();
        CoreModuleProperties.TCP_NODELAY.set(server, true); // without it every reply waits ~40 ms for a delayed ACK
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO); // clients decide how long a session lives
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, personality.sshServerVersion());
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        server.setPasswordAuthenticator((user, password, session) ->
                config.username().equals(user) && config.password().equals(password));
        // keyboard-interactive is on by default and asks for the same password
        server.setShellFactory(channel ->
                new ShellChannel(null, server.getScheduledExecutorService(), config.latency()));
        server.setCommandFactory((channel, command) ->
                new ShellChannel(command, server.getScheduledExecutorService(), config.latency()));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                SocketAddress local = session.getIoSession().getLocalAddress();
                SimulatedDevice device = byPort.get(((InetSocketAddress) local).getPort());
                if (device == null || !device.admit(session)) {
                    session.close(true); // all VTY lines busy: the device drops the connection
                    return;
                }
                session.setAttribute(DEVICE, device);
            }

            @Override
            public void sessionClosed(Session session) {
                SimulatedDevice device = session.getAttribute(DEVICE);
                if (device != null) {
                    device.release(session);
                }
            }
        });
        try {
            List<Integer> ports = server.bindAll(config);
            List<SimulatedDevice> devices = new ArrayList<>(ports.size());
            for (int i = 0; i < ports.size(); i++) {
                String platform = config.platform(i + 1);
                SimulatedDevice device = new SimulatedDevice(config.bindAddress(), ports.get(i), platform,
                        config.maxSessions(), Personalities.of(platform).newDevice(i + 1, config));
                devices.add(device);
                byPort.put(device.port(), device);
            }
            EapiServer eapi = EapiServer.start(config, devices);
            return new DeviceSimulator(server, Collections.unmodifiableList(devices),
                    KeyUtils.getFingerPrint(hostKeys.get(0).getPublic()), eapi);
        } catch (IOException | RuntimeException e) {
            server.stop(true);
            throw e;
        }
    }

    /** All devices, in order: device(0) is sim-001. */
    public List<SimulatedDevice> devices() {
        return devices;
    }

    /** Device number {@code index + 1}: device(0) is sim-001. */
    public SimulatedDevice device(int index) {
        return devices.get(index);
    }

    /** The host key's SHA256 fingerprint, as ssh prints it. */
    public String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    /**
     * The self-signed certificate the eAPI endpoints present over HTTPS, in PEM form (for a client's {@code ca_file});
     * null when eAPI is plain HTTP or off.
     */
    public String eapiCertificatePem() {
        return eapi.certificatePem();
    }

    /** Drops every session and frees every port; returns when they are free. */
    @Override
    public void close() {
        eapi.close();
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException("simulator did not stop cleanly", e);
        }
    }

    /** Command line: see {@link SimulatorCommandLine}. */
    public static void main(String[] args) {
        int code = SimulatorCommandLine.run(args, System.out, System.err);
        if (code != SimulatorCommandLine.OK) {
            System.exit(code);
        }
    }

    /** An SSH server that can listen on more than the one address {@link SshServer#start()} binds. */
    static final class MultiPortServer extends SshServer {

        /** Binds one port per device and returns them in device order (ascending when the OS picks them). */
        List<Integer> bindAll(SimulatorConfig config) throws IOException {
            String address = config.bindAddress();
            int base = config.basePort();
            setHost(address);
            setPort(base);
            try {
                start();
            } catch (IOException e) {
                throw cannotListen(address, base, e);
            }
            for (int i = 1; i < config.devices(); i++) {
                int port = base == 0 ? 0 : base + i;
                try {
                    acceptor.bind(new InetSocketAddress(address, port));
                } catch (IOException e) {
                    throw cannotListen(address, port, e);
                }
            }
            return getBoundAddresses().stream()
                    .map(a -> ((InetSocketAddress) a).getPort())
                    .sorted()
                    .toList();
        }

        private static IOException cannotListen(String address, int port, IOException cause) {
            String where = port == 0 ? address + " (free port)" : address + ":" + port;
            return new IOException("cannot listen on " + where + ": " + cause.getMessage(), cause);
        }
    }
}
