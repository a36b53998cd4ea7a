package dev.netpilot.driver.ssh;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.DriverException.DeviceConnectionException;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The process-wide SSH client: one MINA {@link SshClient} (a few NIO threads serve every session), one scheduler
 * thread for timeouts, one thread that decodes private keys, and the {@link KnownHosts} table that host keys are
 * checked against. Connecting and authenticating are asynchronous; nothing blocks per device. Each connection's
 * options (algorithms, host-key policy) are applied to its own session only.
 */
public final class SshTransport {

    private static final SshTransport SHARED = new SshTransport();
    private static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(30);

    private final SshClient client;
    private final ScheduledExecutorService timers;
    private final Executor keyDecoder;
    private volatile KnownHosts knownHosts = new InMemoryKnownHosts();

    private SshTransport() {
        client = SshClient.setUpDefaultClient();
        client.setIoServiceFactoryFactory(new DirectNio2());
        // Without TCP_NODELAY every short command waits for Nagle + delayed ACK (~40 ms).
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        // SSH-level keepalive on every session, so that firewalls and NAT keep idle pinned sessions open.
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, KEEPALIVE_INTERVAL);
        // Only what a request gives: no ~/.ssh/config, no keys of the executor's own account.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        // Each connection checks the host key against its own policy (set on its session by ConnectAttempt).
        client.setServerKeyVerifier((session, remote, key) -> false);
        client.addSessionListener(ConnectAttempt.LISTENER);
        client.start();
        timers = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "netpilot-ssh-timers"));
        keyDecoder = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "netpilot-ssh-keys"));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    public static SshTransport shared() {
        return SHARED;
    }

    /** Checks host keys against {@code table} from now on (the executor registers its Redis table at startup). */
    public void useKnownHosts(KnownHosts table) {
        knownHosts = Objects.requireNonNull(table, "table");
    }

    /** The table host keys are checked against. */
    public KnownHosts knownHosts() {
        return knownHosts;
    }

    /** Runs {@code action} after {@code delay} on the timer thread; the action must not block. */
    public ScheduledFuture<?> schedule(Runnable action, Duration delay) {
        return timers.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Opens a TCP connection (through the jump host when one is given), exchanges keys, checks the host key and
     * logs in with the key and/or password, each step bounded by its timeout. Closing the session also closes
     * its jump host session.
     */
    public CompletionStage<ClientSession> connect(ConnectionSpec spec) {
        JumpHost jump = spec.ssh().jump();
        if (jump == null) {
            return connect(spec, null, null);
        }
        return connect(jump.spec(spec), "jump host ", null).thenCompose(jumpSession -> through(jumpSession, spec));
    }

    private CompletionStage<ClientSession> through(ClientSession jumpSession, ConnectionSpec spec) {
        ExplicitPortForwardingTracker tunnel;
        try {
            // A loopback listener that the jump session forwards, as MINA's own ProxyJump does.
            tunnel = jumpSession.createLocalPortForwardingTracker(new SshdSocketAddress("127.0.0.1", 0),
                    new SshdSocketAddress(spec.host(), spec.port()));
        } catch (IOException | RuntimeException e) {
            jumpSession.close(true);
            return CompletableFuture.failedFuture(new DeviceConnectionException("the jump host "
                    + spec.ssh().jump().address() + " cannot forward to " + spec.address() + ": " + e.getMessage(), e));
        }
        Runnable closeJump = () -> {
            try {
                tunnel.close();
            } catch (IOException | RuntimeException ignored) {
                // the jump session closes below anyway
            }
            jumpSession.close(false);
        };
        return connect(spec, null, tunnel.getBoundAddress()).whenComplete((session, failure) -> {
            if (failure != null) {
                closeJump.run();
            } else {
                session.addCloseFutureListener(closed -> closeJump.run());
            }
        });
    }

    /**
     * One hop: decode the keys and look up the known host key (both off the I/O threads), then connect to
     * {@code via} (a tunnel's local end) or to the spec's address.
     */
    private CompletionStage<ClientSession> connect(ConnectionSpec spec, String role, SshdSocketAddress via) {
        SshOptions ssh = spec.ssh();
        CompletableFuture<List<KeyPair>> keys = ssh.key() == null
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(ssh.key()::decode, keyDecoder);
        KnownHosts table = knownHosts;
        CompletionStage<String> known = ssh.hostKeyPolicy() == HostKeyPolicy.OFF
                ? CompletableFuture.completedFuture(null)
                : table.lookup(spec.address()).exceptionally(e -> {
                    throw new DeviceConnectionException("cannot read the known-hosts table to check the host key of "
                            + spec.address() + ": " + DriverException.unwrap(e).getMessage(), e);
                });
        return keys.thenCombine(known, (pairs, knownKey) -> new ConnectAttempt(this, table, spec,
                        role == null ? "" : role, pairs, knownKey))
                .thenCompose(attempt -> attempt.start(client, via));
    }
}
