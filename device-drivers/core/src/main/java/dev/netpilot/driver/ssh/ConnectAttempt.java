package dev.netpilot.driver.ssh;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.DriverException.AuthenticationException;
import dev.netpilot.driver.DriverException.DeviceConnectionException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

/**
 * One connection being set up: TCP connect, banner, key exchange with this connection's algorithms, the host-key
 * check against the key looked up beforehand (MINA checks synchronously on an I/O thread, so the lookup happens
 * before and the store after), then login. Each step has its timeout, and a failure says which step failed and
 * what to change. MINA reports the steps through {@link #LISTENER}, which finds the attempt in the session's
 * connection context.
 */
final class ConnectAttempt {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectAttempt.class);
    private static final AttributeKey<ConnectAttempt> ATTEMPT = new AttributeKey<>();

    /** Registered once on the client: forwards each session's set-up events to its attempt. */
    static final SessionListener LISTENER = new SessionListener() {
        @Override
        public void sessionCreated(Session session) {
            ConnectAttempt attempt = of(session);
            if (attempt != null) {
                attempt.configure((ClientSession) session);
            }
        }

        @Override
        public void sessionPeerIdentificationReceived(Session session, String version, List<String> extraLines) {
            ConnectAttempt attempt = of(session);
            if (attempt != null) {
                attempt.bannerReceived();
            }
        }

        @Override
        public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal,
                                          Map<KexProposalOption, String> serverProposal,
                                          Map<KexProposalOption, String> negotiated, Throwable reason) {
            ConnectAttempt attempt = of(session);
            if (attempt != null && reason != null) {
                attempt.negotiationFailed(clientProposal, serverProposal, reason);
            }
        }

        @Override
        public void sessionEvent(Session session, Event event) {
            ConnectAttempt attempt = of(session);
            if (attempt != null && event == Event.KeyEstablished) {
                attempt.keysEstablished();
            }
        }

        private ConnectAttempt of(Session session) {
            if (!(session instanceof ClientSession client)) {
                return null;
            }
            AttributeRepository context = client.getConnectionContext();
            return context == null ? null : context.getAttribute(ATTEMPT);
        }
    };

    private final SshTransport transport;
    private final KnownHosts table;
    private final ConnectionSpec spec;
    /** How errors name this hop: "" for the device, "jump host " for a jump host. */
    private final String role;
    private final List<KeyPair> keys;
    private final PublicKey knownKey;
    private final CompletableFuture<ClientSession> result = new CompletableFuture<>();
    private volatile ClientSession session;
    private volatile PublicKey seenKey;
    private volatile boolean bannerSeen;
    private volatile boolean keysEstablished;
    private volatile boolean viaTunnel;
    /** Why the session was refused during the key exchange, reported instead of MINA's own words. */
    private volatile DriverException refusal;
    private ScheduledFuture<?> connectTimer;
    private ScheduledFuture<?> bannerTimer;
    private ScheduledFuture<?> authTimer;

    ConnectAttempt(SshTransport transport, KnownHosts table, ConnectionSpec spec, String role, List<KeyPair> keys,
                   String knownKeyLine) {
        this.transport = transport;
        this.table = table;
        this.spec = spec;
        this.role = role;
        this.keys = keys;
        this.knownKey = knownKeyLine == null ? null : parse(knownKeyLine, spec.address());
    }

    /** Connects to {@code via} (a tunnel's local end) or to the spec's host and port. */
    CompletionStage<ClientSession> start(SshClient client, SshdSocketAddress via) {
        viaTunnel = via != null;
        connectTimer = transport.schedule(() -> fail(timeout()), spec.connectTimeout());
        ConnectFuture connecting;
        try {
            connecting = client.connect(spec.username(), via == null ? spec.host() : via.getHostName(),
                    via == null ? spec.port() : via.getPort(), AttributeRepository.ofKeyValuePair(ATTEMPT, this), null);
        } catch (IOException | RuntimeException e) {
            fail(connectFailure(e));
            return result;
        }
        result.whenComplete((ok, failure) -> {
            if (failure != null) {
                connecting.cancel();
            }
        });
        connecting.addListener(connected -> {
            if (!connected.isConnected()) {
                fail(connectFailure(connected.getException()));
                return;
            }
            ClientSession opened = connected.getClientSession();
            if (result.isDone()) { // timed out meanwhile
                opened.close(true);
                return;
            }
            Duration bannerTimeout = spec.ssh().bannerTimeout();
            if (bannerTimeout != null && !bannerSeen) {
                bannerTimer = transport.schedule(() -> fail(new DeviceConnectionException(name()
                        + " did not send its SSH banner within " + seconds(bannerTimeout) + " s (banner_timeout)"
                        + (viaTunnel ? " through the jump host" : "") + "; is it an SSH server?", null)), bannerTimeout);
            }
            authenticate(opened);
        });
        return result;
    }

    /**
     * This connection's algorithms and host-key check, set on its own session. MINA signals {@code sessionCreated}
     * before the session starts (sends its identification and KEXINIT), so the proposal already uses them; the
     * client's defaults, shared by every other session, are left alone. Runs on an I/O thread.
     */
    private void configure(ClientSession created) {
        session = created;
        spec.ssh().algorithms().applyTo(created);
        created.setServerKeyVerifier((clientSession, remote, key) -> verify(key));
        if (result.isDone()) {
            created.close(true);
        }
    }

    private void bannerReceived() {
        bannerSeen = true;
        cancel(bannerTimer);
    }

    /** Synchronous, on an I/O thread: compares with the key looked up before connecting, stores nothing. */
    private boolean verify(PublicKey key) {
        PublicKey expected = knownKey != null ? knownKey : seenKey; // seenKey: a re-key must keep the same key
        if (spec.ssh().hostKeyPolicy() == HostKeyPolicy.OFF) {
            if (spec.ssh().logUncheckedHostKeys() && seenKey == null) {
                LOG.warn("host key of {} not checked (host_key_policy warning): {} {}", spec.address(),
                        KeyUtils.getKeyType(key), KeyUtils.getFingerPrint(key));
            }
            seenKey = key;
            return true;
        }
        if (expected != null) {
            if (KeyUtils.compareKeys(expected, key)) {
                seenKey = key;
                return true;
            }
            refusal = changed(expected, key);
            return false;
        }
        if (spec.ssh().hostKeyPolicy() == HostKeyPolicy.STRICT) {
            refusal = new DeviceConnectionException("the host key of " + name() + " is not known ("
                    + KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key) + ") and host_key_policy is strict: "
                    + "connect once with host_key_policy accept-new to record it, then keep strict", null);
            return false;
        }
        seenKey = key;
        return true;
    }

    private void negotiationFailed(Map<KexProposalOption, String> ours, Map<KexProposalOption, String> theirs,
                                   Throwable reason) {
        for (Algorithms.Category category : Algorithms.Category.values()) {
            for (KexProposalOption option : category.proposals()) {
                List<String> offered = algorithms(theirs.get(option));
                List<String> proposed = algorithms(ours.get(option));
                if (!offered.isEmpty() && proposed.stream().noneMatch(offered::contains)) {
                    List<String> legacy = new ArrayList<>(offered);
                    legacy.retainAll(category.supported());
                    refusal = new DeviceConnectionException("no common " + category.description + " algorithm with "
                            + name() + ": the device offers " + offered + ", NetPilot proposes " + proposed
                            + (legacy.isEmpty() ? "; NetPilot supports none of the device's"
                            : "; to allow a legacy one, add it to connection_args.algorithms, e.g. {\""
                            + category.argName + "\": [\"" + legacy.get(0) + "\"]}"), reason);
                    return;
                }
            }
        }
        refusal = new DeviceConnectionException("key exchange with " + name() + " failed: " + describe(reason), reason);
    }

    private void keysEstablished() {
        if (keysEstablished) {
            return; // a later re-key
        }
        keysEstablished = true;
        cancel(connectTimer);
        cancel(bannerTimer);
        if (!result.isDone()) {
            authTimer = transport.schedule(() -> fail(new AuthenticationException("authentication on " + name()
                    + " did not finish within " + seconds(spec.authTimeout()) + " s (auth_timeout)")), spec.authTimeout());
        }
    }

    private void authenticate(ClientSession opened) {
        keys.forEach(opened::addPublicKeyIdentity);
        if (spec.password() != null) {
            opened.addPasswordIdentity(spec.password());
        }
        try {
            opened.auth().addListener(auth -> {
                if (auth.isSuccess()) {
                    loggedIn(opened);
                } else {
                    fail(refusal != null ? refusal : keysEstablished ? authFailure() : connectFailure(auth.getException()));
                }
            });
        } catch (IOException | RuntimeException e) {
            fail(refusal != null ? refusal : connectFailure(e));
        }
    }

    /** Logged in: with accept-new, record a first-seen key (another executor may have recorded one meanwhile). */
    private void loggedIn(ClientSession opened) {
        cancel(authTimer);
        PublicKey key = seenKey;
        if (knownKey != null || spec.ssh().hostKeyPolicy() != HostKeyPolicy.ACCEPT_NEW || key == null) {
            succeed(opened);
            return;
        }
        table.storeIfAbsent(spec.address(), PublicKeyEntry.toString(key)).whenComplete((onFile, error) -> {
            if (error != null) {
                fail(new DeviceConnectionException("cannot record the host key of " + name()
                        + " in the known-hosts table: " + DriverException.unwrap(error).getMessage(), error));
            } else {
                PublicKey stored = parse(onFile, spec.address());
                if (KeyUtils.compareKeys(stored, key)) {
                    succeed(opened);
                } else {
                    fail(changed(stored, key));
                }
            }
        });
    }

    private void succeed(ClientSession opened) {
        if (!result.complete(opened)) {
            opened.close(true);
        }
    }

    private void fail(DriverException failure) {
        if (result.completeExceptionally(failure)) {
            cancel(connectTimer);
            cancel(bannerTimer);
            cancel(authTimer);
            ClientSession current = session;
            if (current != null) {
                current.close(true);
            }
        }
    }

    private DriverException timeout() {
        if (refusal != null) {
            return refusal;
        }
        String step = !bannerSeen ? (viaTunnel ? "reach " + name() + " through the jump host" : "connect to " + name())
                : "exchange keys with " + name();
        return new DeviceConnectionException("could not " + step + " within " + seconds(spec.connectTimeout())
                + " s (conn_timeout); check host, port and that the device accepts SSH", null);
    }

    private DriverException changed(PublicKey known, PublicKey offered) {
        return new DeviceConnectionException("host key changed for " + name() + ": known "
                + KeyUtils.getKeyType(known) + " " + KeyUtils.getFingerPrint(known) + ", offered "
                + KeyUtils.getKeyType(offered) + " " + KeyUtils.getFingerPrint(offered) + ". If the device was "
                + "replaced or re-keyed on purpose, forget its known key (DELETE /known-hosts/" + spec.address()
                + "); otherwise someone may be intercepting the connection", null);
    }

    private DriverException authFailure() {
        List<String> tried = new ArrayList<>();
        String prefix = role.isEmpty() ? "" : "proxy_";
        if (!keys.isEmpty()) {
            SshKey key = spec.ssh().key();
            List<String> given = new ArrayList<>();
            if (key.pkey() != null) {
                given.add(prefix + "pkey");
            }
            if (key.keyFile() != null) {
                given.add(prefix.isEmpty() ? "key_file" : prefix + "key_filename");
            }
            tried.add("key (" + String.join(", ", given) + ")");
        }
        if (spec.password() != null) {
            tried.add("password");
        }
        return new AuthenticationException("authentication failed for user '" + spec.username() + "' on " + name()
                + (tried.isEmpty() ? ": no key or password was given" : " with " + String.join(" and ", tried))
                + ": check " + prefix + "username, " + prefix + "password and keys in connection_args");
    }

    private DriverException connectFailure(Throwable cause) {
        if (refusal != null) {
            return refusal;
        }
        if (viaTunnel && !bannerSeen) {
            return new DeviceConnectionException("could not reach " + name() + " through the jump host: the "
                    + "connection closed before the device's SSH banner; does the jump host allow TCP forwarding "
                    + "and reach the device?", cause);
        }
        String reason = cause == null ? "unknown reason" : describe(cause);
        return new DeviceConnectionException("could not connect to " + name() + ": " + reason, cause);
    }

    private String name() {
        return role + spec.address();
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

    private static PublicKey parse(String line, String address) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
        } catch (Exception e) {
            throw new DeviceConnectionException("the known-hosts entry of " + address + " is not a public key; "
                    + "forget it (DELETE /known-hosts/" + address + ") and connect again", e);
        }
    }

    /** The names of a proposal, without the pseudo-algorithms that only signal extensions. */
    private static List<String> algorithms(String names) {
        return names == null || names.isEmpty() ? List.of() : Arrays.stream(names.split(","))
                .filter(name -> !name.startsWith("ext-info-") && !name.startsWith("kex-strict-")).toList();
    }

    private static String seconds(Duration duration) {
        return String.valueOf(duration.toMillis() / 1000.0);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "ConnectAttempt[" + name() + "]";
    }
}
