package dev.netpilot.driver.ssh;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException.AuthenticationException;
import dev.netpilot.driver.DriverException.DeviceConnectionException;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The process-wide SSH client: one MINA {@link SshClient} (a few NIO threads serve every session) and one
 * scheduler thread for timeouts. Connecting and authenticating are asynchronous; nothing blocks per device.
 */
public final class SshTransport {

    private static final SshTransport SHARED = new SshTransport();
    private static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(30);

    private final SshClient client;
    private final ScheduledExecutorService timers;

    private SshTransport() {
        client = SshClient.setUpDefaultClient();
        // Without TCP_NODELAY every short command waits for Nagle + delayed ACK (~40 ms).
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        // SSH-level keepalive on every session, so that firewalls and NAT keep idle pinned sessions open.
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, KEEPALIVE_INTERVAL);
        // Host-key policy: devices in labs and fleets rotate keys; accept-all until known-hosts checking exists.
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "netpilot-ssh-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static SshTransport shared() {
        return SHARED;
    }

    /** Runs {@code action} after {@code delay} on the timer thread; the action must not block. */
    public ScheduledFuture<?> schedule(Runnable action, Duration delay) {
        return timers.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Opens a TCP connection, exchanges keys and logs in with the key file and/or the password, each step bounded by
     * its timeout.
     */
    public CompletionStage<ClientSession> connect(ConnectionSpec spec) {
        CompletableFuture<ClientSession> result = new CompletableFuture<>();
        ConnectFuture connecting;
        try {
            connecting = client.connect(spec.username(), spec.host(), spec.port());
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(connectFailure(spec, e));
            return result;
        }
        ScheduledFuture<?> connectTimer = schedule(() -> {
            if (result.completeExceptionally(new DeviceConnectionException("could not connect to " + spec.address()
                    + " within " + spec.connectTimeout().toMillis() / 1000.0 + " s (conn_timeout); check host, port "
                    + "and that the device accepts SSH", null))) {
                connecting.cancel();
            }
        }, spec.connectTimeout());
        connecting.addListener(connected -> {
            connectTimer.cancel(false);
            if (!connected.isConnected()) {
                result.completeExceptionally(connectFailure(spec, connected.getException()));
                return;
            }
            ClientSession session = connected.getClientSession();
            if (result.isDone()) { // timed out meanwhile
                session.close(true);
                return;
            }
            authenticate(spec, session, result);
        });
        return result;
    }

    private void authenticate(ConnectionSpec spec, ClientSession session, CompletableFuture<ClientSession> result) {
        if (spec.keyFilename() != null) {
            try {
                for (KeyPair key : new FileKeyPairProvider(Path.of(spec.keyFilename())).loadKeys(session)) {
                    session.addPublicKeyIdentity(key);
                }
            } catch (RuntimeException e) { // the keys load lazily: read or parse errors surface here
                session.close(true);
                result.completeExceptionally(new InvalidArgumentException("connection_args.key_filename: cannot load "
                        + "a private key from '" + spec.keyFilename() + "' on this executor (" + describe(e) + ")"));
                return;
            }
        }
        if (spec.password() != null) {
            session.addPasswordIdentity(spec.password());
        }
        ScheduledFuture<?> authTimer = schedule(() -> {
            if (result.completeExceptionally(new AuthenticationException("authentication on " + spec.address()
                    + " did not finish within " + spec.authTimeout().toMillis() / 1000.0 + " s (auth_timeout)"))) {
                session.close(true);
            }
        }, spec.authTimeout());
        try {
            session.auth().addListener(auth -> {
                authTimer.cancel(false);
                if (auth.isSuccess()) {
                    if (!result.complete(session)) {
                        session.close(true);
                    }
                } else {
                    session.close(true);
                    result.completeExceptionally(new AuthenticationException("authentication failed for user '"
                            + spec.username() + "' on " + spec.address()
                            + ": check username and password (or key_filename) in connection_args"));
                }
            });
        } catch (IOException | RuntimeException e) {
            authTimer.cancel(false);
            session.close(true);
            result.completeExceptionally(connectFailure(spec, e));
        }
    }

    private static DeviceConnectionException connectFailure(ConnectionSpec spec, Throwable cause) {
        String reason = cause == null ? "unknown reason" : describe(cause);
        return new DeviceConnectionException("could not connect to " + spec.address() + ": " + reason, cause);
    }

    private static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused (is SSH enabled on that port?)";
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
