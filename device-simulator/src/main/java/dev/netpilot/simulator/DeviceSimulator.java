package dev.netpilot.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AgentForwardingFilter;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.X11ForwardingFilter;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

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
    /** The host keys new sessions get; {@link #rotateHostKey()} replaces them. */
    private final AtomicReference<List<KeyPair>> hostKeys;
    private final boolean legacySsh;
    private final DeviceFiles files;
    private final EapiServer eapi;

    private DeviceSimulator(MultiPortServer server, List<SimulatedDevice> devices,
                            AtomicReference<List<KeyPair>> hostKeys, boolean legacySsh, DeviceFiles files,
                            EapiServer eapi) {
        this.server = server;
        this.devices = devices;
        this.hostKeys = hostKeys;
        this.legacySsh = legacySsh;
        this.files = files;
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
        AtomicReference<List<KeyPair>> hostKeys = new AtomicReference<>(config.hostKeyFile() == null
                ? List.of(config.legacySsh() ? HostKeys.generatedRsa() : HostKeys.generated())
                : HostKeys.load(config.hostKeyFile()));
        Map<Integer, SimulatedDevice> byPort = new ConcurrentHashMap<>();
        MultiPortServer server = (MultiPortServer) ServerBuilder.builder().factory(MultiPortServer::new).build();
        CoreModuleProperties.TCP_NODELAY.set(server, true); // without it every reply waits ~40 ms for a delayed ACK
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO); // clients decide how long a session lives
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, personality.sshServerVersion());
        server.setKeyPairProvider(session -> hostKeys.get());
        server.setPasswordAuthenticator((user, password, session) ->
                config.username().equals(user) && config.password().equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> config.username().equals(user)
                && config.authorizedKeys().stream().anyMatch(allowed -> KeyUtils.compareKeys(allowed, key)));
        if (config.legacySsh()) {
            server.setKeyExchangeFactories(List.of(ServerBuilder.DH2KEX.apply(BuiltinDHFactories.dhg1)));
            server.setCipherFactories(List.of(BuiltinCiphers.tripledescbc));
            server.setMacFactories(List.of(BuiltinMacs.hmacsha1));
            server.setSignatureFactories(List.of(BuiltinSignatures.rsa));
        }
        if (config.jumpHost()) {
            TcpForwardingFilter loopbackOnly = new TcpForwardingFilter() {
                @Override
                public boolean canListen(SshdSocketAddress address, Session session) {
                    return false;
                }

                @Override
                public boolean canConnect(Type type, SshdSocketAddress address,
                                          Session session) {
                    return type == Type.Direct && isLoopback(address.getHostName());
                }
            };
            server.setForwardingFilter(ForwardingFilter.asForwardingFilter(AgentForwardingFilter.of(false),
                    X11ForwardingFilter.of(false), loopbackOnly));
        }
        // keyboard-interactive is on by default and asks for the same password
        server.setShellFactory(channel ->
                new ShellChannel(server.getScheduledExecutorService(), config.latency()));
        server.setCommandFactory((channel, command) ->
                new ExecChannel(command, server.getScheduledExecutorService(), config.latency()));
        DeviceFiles files = DeviceFiles.create(config);
        server.setFileSystemFactory(files);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
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
            return new DeviceSimulator(server, Collections.unmodifiableList(devices), hostKeys, config.legacySsh(),
                    files, eapi);
        } catch (IOException | RuntimeException e) {
            server.stop(true);
            files.delete();
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
        return KeyUtils.getFingerPrint(hostKeys.get().get(0).getPublic());
    }

    /** Gives every device a new host key from the next session on, as a replaced or re-keyed device would. */
    public void rotateHostKey() {
        hostKeys.set(List.of(legacySsh ? HostKeys.newRsa() : HostKeys.newEc()));
    }

    /** Jump hosts forward only to this machine: a simulator never opens connections elsewhere. */
    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The directory that holds a device's files as its SFTP server sees them ({@code /} of the device), e.g.
     * {@code fileRoot(device(0)).resolve("tmp/x")} is the device's {@code /tmp/x}.
     */
    public Path fileRoot(SimulatedDevice device) {
        return files.root(device);
    }

    /**
     * The self-signed certificate the eAPI endpoints present over HTTPS, in PEM form (for a client's {@code ca_file});
     * null when eAPI is plain HTTP or off.
     */
    public String eapiCertificatePem() {
        return eapi.certificatePem();
    }

    /** Drops every session, frees every port and deletes the devices' files; returns when the ports are free. */
    @Override
    public void close() {
        eapi.close();
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException("simulator did not stop cleanly", e);
        } finally {
            files.delete();
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
