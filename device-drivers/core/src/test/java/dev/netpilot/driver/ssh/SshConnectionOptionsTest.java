package dev.netpilot.driver.ssh;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.DriverException.AuthenticationException;
import dev.netpilot.driver.DriverException.DeviceConnectionException;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.driver.cli.SshCliDriver;
import dev.netpilot.job.CommandResult;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SSH connection options against the simulator over real SSH on loopback: key logins, legacy algorithms,
 * host-key policies with the known-hosts table, a jump host, and which timeout a failure names.
 */
class SshConnectionOptionsTest {

    private static final String PASSPHRASE = "Pp-correct-horse";
    private static KeyPair ed25519;
    private static KeyPair ecdsa;
    private static KeyPair rsa;
    private static KeyPair stranger;
    /** Devices that accept the three keys above. */
    private static DeviceSimulator keyed;
    /** Devices that speak only legacy SSH. */
    private static DeviceSimulator legacy;
    /** Device 0 is a jump host, device 1 a device behind it. */
    private static DeviceSimulator jumps;
    /** Devices whose host key the tests rotate. */
    private static DeviceSimulator rotating;

    private final SshTransport transport = SshTransport.shared();

    @BeforeAll
    static void start() throws Exception {
        ed25519 = TestKeys.ed25519();
        ecdsa = TestKeys.ecdsa();
        rsa = TestKeys.rsa();
        stranger = TestKeys.ed25519();
        keyed = DeviceSimulator.start(SimulatorConfig.builder().devices(1)
                .authorizedKeys(List.of(ed25519.getPublic(), ecdsa.getPublic(), rsa.getPublic())).build());
        legacy = DeviceSimulator.start(SimulatorConfig.builder().devices(1).legacySsh(true).build());
        jumps = DeviceSimulator.start(SimulatorConfig.builder().devices(2).jumpHost(true).build());
        rotating = DeviceSimulator.start(SimulatorConfig.builder().devices(1).build());
        forgetAll(); // a port may have served another simulator's key in this JVM before
    }

    @AfterAll
    static void stop() throws Exception {
        forgetAll();
        for (DeviceSimulator simulator : new DeviceSimulator[] {keyed, legacy, jumps, rotating}) {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    private static void forgetAll() throws Exception {
        for (DeviceSimulator simulator : new DeviceSimulator[] {keyed, legacy, jumps, rotating}) {
            for (SimulatedDevice device : simulator.devices()) {
                await(SshTransport.shared().knownHosts().forget(device.host() + ":" + device.port()));
            }
        }
    }

    private static Map<String, Object> args(SimulatedDevice device) {
        Map<String, Object> args = new HashMap<>();
        args.put("device_type", "cisco_ios");
        args.put("host", device.host());
        args.put("port", device.port());
        args.put("username", "admin");
        args.put("password", "admin");
        return args;
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private ClientSession connect(Map<String, Object> args) throws Exception {
        return await(transport.connect(ConnectionSpec.from(args)));
    }

    private void connectAndClose(Map<String, Object> args) throws Exception {
        ClientSession session = connect(args);
        assertTrue(session.isAuthenticated());
        session.close(false).await(5, TimeUnit.SECONDS);
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    // --- keys ---------------------------------------------------------------------------------------------------

    @Test
    void logsInWithEd25519EcdsaAndRsaKeysAndNoPassword() throws Exception {
        for (String pkey : List.of(TestKeys.openSsh(ed25519, null), TestKeys.openSsh(ecdsa, null),
                TestKeys.pkcs8Pem(rsa))) {
            Map<String, Object> args = args(keyed.device(0));
            args.remove("password");
            args.put("pkey", pkey);
            connectAndClose(args);
        }
    }

    @Test
    void anEncryptedKeyFileWithItsPassphraseRunsCommands(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("id_ecdsa");
        Files.writeString(file, TestKeys.openSsh(ecdsa, PASSPHRASE));
        Map<String, Object> args = args(keyed.device(0));
        args.remove("password");
        args.put("key_filename", file.toString()); // paramiko's name; netmiko's key_file is read the same way
        args.put("passphrase", PASSPHRASE);
        DeviceSession session = await(new SshCliDriver().open(ConnectionSpec.from(args)));
        try {
            CommandResult result = await(session.send("show version", CommandOptions.defaults()));
            assertEquals(0, result.exitStatus(), result.stderr());
            assertTrue(((String) result.stdout()).contains(keyed.device(0).hostname()), String.valueOf(result.stdout()));
        } finally {
            await(session.close());
        }
        args.remove("key_filename");
        args.put("key_file", file.toString());
        args.put("use_keys", true);
        connectAndClose(args);
    }

    @Test
    void encryptedPemKeysAsSshKeygenWritesThemForParamiko(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "needs OpenSSH's ssh-keygen");
        Path file = dir.resolve("id_rsa");
        Process keygen = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM",
                "-N", PASSPHRASE, "-f", file.toString()).redirectErrorStream(true).start();
        assertEquals(0, keygen.waitFor(), new String(keygen.getInputStream().readAllBytes()));
        assertTrue(Files.readString(file).contains("Proc-Type: 4,ENCRYPTED"));
        KeyPair pair = ConnectionSpec.from(Map.of("host", "h", "pkey", Files.readString(file), "passphrase", PASSPHRASE))
                .ssh().key().decode().get(0);
        try (DeviceSimulator pemKeyed = DeviceSimulator.start(SimulatorConfig.builder()
                .authorizedKeys(List.of(pair.getPublic())).build())) {
            Map<String, Object> args = args(pemKeyed.device(0));
            args.remove("password");
            args.put("host_key_policy", "off");
            args.put("key_file", file.toString());
            args.put("passphrase", PASSPHRASE);
            connectAndClose(args);
            args.put("passphrase", "Pp-wrong-guess");
            InvalidArgumentException wrong = assertThrows(InvalidArgumentException.class, () -> connect(args));
            assertTrue(wrong.getMessage().contains("wrong passphrase?"), wrong.getMessage());
        }
    }

    @Test
    void aWrongOrMissingPassphraseSaysSoWithoutShowingTheKey() throws Exception {
        String pkey = TestKeys.openSsh(ed25519, PASSPHRASE);
        Map<String, Object> args = args(keyed.device(0));
        args.put("pkey", pkey);
        args.put("passphrase", "Pp-wrong-guess");
        InvalidArgumentException wrong = assertThrows(InvalidArgumentException.class, () -> connect(args));
        assertTrue(wrong.getMessage().contains("wrong passphrase?"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("connection_args.pkey"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("Pp-wrong-guess") || wrong.getMessage().contains(pkey.substring(40, 80)));

        args.remove("passphrase");
        InvalidArgumentException missing = assertThrows(InvalidArgumentException.class, () -> connect(args));
        assertTrue(missing.getMessage().contains("is encrypted: give its passphrase in connection_args.passphrase"),
                missing.getMessage());

        args.put("pkey", "not a key at all");
        InvalidArgumentException garbage = assertThrows(InvalidArgumentException.class, () -> connect(args));
        assertTrue(garbage.getMessage().contains("connection_args.pkey"), garbage.getMessage());
        assertFalse(garbage.getMessage().contains("not a key at all"));

        args.remove("pkey");
        args.put("key_file", "/nonexistent/id_rsa");
        InvalidArgumentException unreadable = assertThrows(InvalidArgumentException.class, () -> connect(args));
        assertTrue(unreadable.getMessage().contains("cannot read '/nonexistent/id_rsa' on the executor"),
                unreadable.getMessage());
    }

    @Test
    void anUnknownKeyFailsButThePasswordIsStillTried() throws Exception {
        Map<String, Object> args = args(keyed.device(0));
        args.put("pkey", TestKeys.openSsh(stranger, null));
        connectAndClose(args); // the key is refused, the password works

        args.remove("password");
        AuthenticationException refused = assertThrows(AuthenticationException.class, () -> connect(args));
        assertTrue(refused.getMessage().contains("authentication failed for user 'admin'")
                && refused.getMessage().contains("with key (pkey)"), refused.getMessage());
    }

    // --- algorithms ---------------------------------------------------------------------------------------------

    @Test
    void aLegacyDeviceNeedsItsAlgorithmsAskedForAndOtherSessionsKeepTheDefaults() throws Exception {
        SimulatedDevice old = legacy.device(0);
        DeviceConnectionException modern = assertThrows(DeviceConnectionException.class, () -> connect(args(old)));
        assertTrue(modern.getMessage().contains("no common key exchange algorithm with " + old.host() + ":" + old.port())
                && modern.getMessage().contains("{\"kex\": [\"diffie-hellman-group1-sha1\"]}"), modern.getMessage());

        Map<String, Object> kexOnly = args(old);
        kexOnly.put("algorithms", Map.of("kex", List.of("diffie-hellman-group1-sha1")));
        DeviceConnectionException cipher = assertThrows(DeviceConnectionException.class, () -> connect(kexOnly));
        assertTrue(cipher.getMessage().contains("no common cipher algorithm")
                && cipher.getMessage().contains("3des-cbc"), cipher.getMessage());

        Map<String, Object> both = args(old);
        both.put("algorithms", Map.of("kex", List.of("diffie-hellman-group1-sha1"), "ciphers", "3des-cbc"));
        DeviceSession session = await(new SshCliDriver().open(ConnectionSpec.from(both)));
        try {
            CommandResult result = await(session.send("show version", CommandOptions.defaults()));
            assertEquals(0, result.exitStatus(), result.stderr());
        } finally {
            await(session.close());
        }

        // the opt-in changed that session only
        assertThrows(DeviceConnectionException.class, () -> connect(args(old)));
        connectAndClose(args(keyed.device(0)));
    }

    @Test
    void disabledAlgorithmsAreLeftOutAndUnknownNamesAreRefused() throws Exception {
        Map<String, Object> args = args(keyed.device(0));
        args.put("disabled_algorithms", Map.of("kex", List.of("curve25519-sha256", "curve25519-sha256@libssh.org"),
                "ciphers", List.of("chacha20-poly1305@openssh.com")));
        ClientSession session = connect(args);
        try {
            String kex = session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS);
            String cipher = session.getNegotiatedKexParameter(KexProposalOption.C2SENC);
            assertTrue(kex.startsWith("curve448") || kex.startsWith("ecdh"), "the next default instead: " + kex);
            assertFalse(cipher.startsWith("chacha20"), cipher);
        } finally {
            session.close(true);
        }

        Map<String, Object> unknown = args(keyed.device(0));
        unknown.put("algorithms", Map.of("ciphers", List.of("rot13-cbc")));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ConnectionSpec.from(unknown));
        assertTrue(e.getMessage().contains("unknown cipher algorithm 'rot13-cbc'")
                && e.getMessage().contains("3des-cbc") && e.getMessage().contains("aes256-ctr"), e.getMessage());

        Map<String, Object> none = args(keyed.device(0));
        none.put("disabled_algorithms", Map.of("macs", Algorithms.Category.MACS.defaults()));
        e = assertThrows(InvalidArgumentException.class, () -> ConnectionSpec.from(none));
        assertTrue(e.getMessage().contains("disables every MAC algorithm"), e.getMessage());

        Map<String, Object> badCategory = args(keyed.device(0));
        badCategory.put("algorithms", Map.of("compression", List.of("zlib")));
        e = assertThrows(InvalidArgumentException.class, () -> ConnectionSpec.from(badCategory));
        assertTrue(e.getMessage().contains("use kex, ciphers, macs or keys"), e.getMessage());
    }

    // --- host keys ----------------------------------------------------------------------------------------------

    private SimulatedDevice rotatingDevice() {
        return rotating.device(0);
    }

    @Test
    void hostKeyPolicies() throws Exception {
        SimulatedDevice device = rotatingDevice();
        String address = device.host() + ":" + device.port();
        KnownHosts table = transport.knownHosts();
        await(table.forget(address));

        Map<String, Object> strict = args(device);
        strict.put("host_key_policy", "strict");
        DeviceConnectionException unknown = assertThrows(DeviceConnectionException.class, () -> connect(strict));
        assertTrue(unknown.getMessage().contains("is not known") && unknown.getMessage().contains(rotating.hostKeyFingerprint())
                && unknown.getMessage().contains("host_key_policy is strict"), unknown.getMessage());
        assertNull(await(table.lookup(address)), "strict stores nothing");

        Map<String, Object> netmikoStrict = args(device);
        netmikoStrict.put("ssh_strict", true);
        assertThrows(DeviceConnectionException.class, () -> connect(netmikoStrict));

        connectAndClose(args(device)); // accept-new is the default: the first key is stored
        String stored = await(table.lookup(address));
        assertTrue(stored != null && stored.startsWith("ecdsa-sha2-nistp256 "), String.valueOf(stored));
        connectAndClose(strict); // now known
        Map<String, Object> paramikoReject = args(device);
        paramikoReject.put("host_key_policy", "reject");
        connectAndClose(paramikoReject);

        String before = rotating.hostKeyFingerprint();
        rotating.rotateHostKey();
        for (Map<String, Object> args : List.of(args(device), strict)) {
            DeviceConnectionException changed = assertThrows(DeviceConnectionException.class, () -> connect(args));
            assertTrue(changed.getMessage().contains("host key changed for " + address)
                    && changed.getMessage().contains("known ecdsa-sha2-nistp256 " + before)
                    && changed.getMessage().contains("offered ecdsa-sha2-nistp256 " + rotating.hostKeyFingerprint()),
                    changed.getMessage());
        }
        assertEquals(stored, await(table.lookup(address)), "a changed key never replaces the known one");

        for (String off : List.of("off", "warning")) {
            Map<String, Object> args = args(device);
            args.put("host_key_policy", off);
            connectAndClose(args);
        }
        assertEquals(stored, await(table.lookup(address)), "off stores nothing");

        await(table.forget(address)); // the device was re-keyed on purpose
        connectAndClose(args(device));
        assertFalse(stored.equals(await(table.lookup(address))), "the new key is recorded");
        // the table lives as long as the test JVM: a later simulator on this port has the process's usual key
        await(table.forget(address));
    }

    @Test
    void policyNamesOfBothDriversAndUnknownOnes() {
        Map<String, HostKeyPolicy> names = Map.of("accept-new", HostKeyPolicy.ACCEPT_NEW, "auto_add",
                HostKeyPolicy.ACCEPT_NEW, "strict", HostKeyPolicy.STRICT, "reject", HostKeyPolicy.STRICT, "off",
                HostKeyPolicy.OFF, "warning", HostKeyPolicy.OFF);
        names.forEach((name, policy) -> {
            Map<String, Object> args = args(keyed.device(0));
            args.put("host_key_policy", name);
            assertEquals(policy, ConnectionSpec.from(args).ssh().hostKeyPolicy(), name);
        });
        Map<String, Object> args = args(keyed.device(0));
        assertEquals(HostKeyPolicy.ACCEPT_NEW, ConnectionSpec.from(args).ssh().hostKeyPolicy());
        args.put("host_key_policy", "trust-me");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ConnectionSpec.from(args));
        assertTrue(e.getMessage().contains("use accept-new"), e.getMessage());
    }

    // --- jump host ----------------------------------------------------------------------------------------------

    private Map<String, Object> throughJump(SimulatedDevice target) {
        SimulatedDevice jump = jumps.device(0);
        Map<String, Object> args = args(target);
        args.put("proxy_host", jump.host());
        args.put("proxy_port", jump.port());
        args.put("proxy_username", "admin");
        args.put("proxy_password", "admin");
        return args;
    }

    @Test
    void reachesADeviceThroughAJumpHostAndClosesBoth() throws Exception {
        SimulatedDevice jump = jumps.device(0);
        SimulatedDevice target = jumps.device(1);
        DeviceSession session = await(new SshCliDriver().open(ConnectionSpec.from(throughJump(target))));
        try {
            CommandResult result = await(session.send("show version", CommandOptions.defaults()));
            assertEquals(0, result.exitStatus(), result.stderr());
            assertTrue(((String) result.stdout()).contains(target.hostname() + " uptime is"), (String) result.stdout());
            assertEquals(1, jump.activeSessions(), "one login on the jump host");
            assertEquals(1, target.activeSessions(), "one login on the device");
        } finally {
            await(session.close());
        }
        eventually(() -> jump.activeSessions() == 0 && target.activeSessions() == 0,
                "closing the device session logs out of the jump host too");

        Map<String, Object> sameUser = throughJump(target);
        sameUser.remove("proxy_username"); // falls back to username
        connectAndClose(sameUser);
    }

    @Test
    void aWrongJumpPasswordOrAJumpHostWithoutForwardingSaySo() throws Exception {
        Map<String, Object> wrong = throughJump(jumps.device(1));
        wrong.put("proxy_password", "Px-wrong");
        AuthenticationException auth = assertThrows(AuthenticationException.class, () -> connect(wrong));
        assertTrue(auth.getMessage().contains("on jump host " + jumps.device(0).host() + ":" + jumps.device(0).port())
                && auth.getMessage().contains("proxy_password"), auth.getMessage());
        assertFalse(auth.getMessage().contains("Px-wrong"));

        Map<String, Object> noForwarding = args(rotatingDevice());
        SimulatedDevice plain = keyed.device(0); // a device that is not a jump host
        noForwarding.put("proxy_host", plain.host());
        noForwarding.put("proxy_port", plain.port());
        noForwarding.put("proxy_password", "admin");
        noForwarding.put("host_key_policy", "off");
        DeviceConnectionException refused = assertThrows(DeviceConnectionException.class, () -> connect(noForwarding));
        assertTrue(refused.getMessage().contains("through the jump host"), refused.getMessage());
        eventually(() -> plain.activeSessions() == 0, "the jump session is closed after the failure");

        Map<String, Object> orphan = args(keyed.device(0));
        orphan.put("proxy_password", "x");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ConnectionSpec.from(orphan));
        assertTrue(e.getMessage().contains("proxy_password needs proxy_host"), e.getMessage());
    }

    // --- timeouts and secrets -----------------------------------------------------------------------------------

    @Test
    void aSilentServerFailsNamingTheTimeoutThatExpired() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accepts and never sends an SSH banner
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, Object> args = new HashMap<>(Map.of("host", "127.0.0.1", "port", silent.getLocalPort(),
                    "username", "admin", "password", "admin", "banner_timeout", 0.3));
            DeviceConnectionException banner = assertThrows(DeviceConnectionException.class, () -> connect(args));
            assertTrue(banner.getMessage().contains("did not send its SSH banner within 0.3 s (banner_timeout)"),
                    banner.getMessage());

            args.remove("banner_timeout");
            args.put("conn_timeout", 0.3);
            DeviceConnectionException conn = assertThrows(DeviceConnectionException.class, () -> connect(args));
            assertTrue(conn.getMessage().contains("within 0.3 s (conn_timeout)"), conn.getMessage());
        }
    }

    @Test
    void aServerThatNeverAnswersTheLoginFailsAfterAuthTimeout() throws Exception {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
        server.setPasswordAuthenticator((user, password, session) -> {
            throw new AsyncAuthException(); // the answer never comes
        });
        server.start();
        try {
            Map<String, Object> args = new HashMap<>(Map.of("host", "127.0.0.1", "port", server.getPort(),
                    "username", "admin", "password", "admin", "auth_timeout", 0.5, "host_key_policy", "off"));
            AuthenticationException auth = assertThrows(AuthenticationException.class, () -> connect(args));
            assertTrue(auth.getMessage().endsWith("did not finish within 0.5 s (auth_timeout)"), auth.getMessage());
            eventually(() -> server.getActiveSessions().isEmpty(), "the stalled session was closed");
        } finally {
            server.stop(true);
        }
    }

    @Test
    void theSpecNeverShowsKeysOrPasswords() throws Exception {
        String pkey = TestKeys.openSsh(ed25519, PASSPHRASE);
        Map<String, Object> args = throughJump(keyed.device(0));
        args.put("password", "Pw-device");
        args.put("pkey", pkey);
        args.put("passphrase", PASSPHRASE);
        args.put("proxy_password", "Px-jump");
        args.put("proxy_pkey", pkey);
        args.put("proxy_passphrase", "Ks-jump");
        ConnectionSpec spec = ConnectionSpec.from(args);
        String shown = spec + " " + spec.ssh() + " " + spec.ssh().jump() + " " + spec.ssh().key();
        for (String secret : List.of("Pw-device", PASSPHRASE, "Px-jump", "Ks-jump", "OPENSSH", pkey.substring(40, 60))) {
            assertFalse(shown.contains(secret), secret + " shown in " + shown);
        }
        assertTrue(shown.contains("via " + jumps.device(0).host() + ":" + jumps.device(0).port()), shown);
    }

    @Test
    void failuresAreDriverExceptions() {
        Map<String, Object> args = args(keyed.device(0));
        args.put("password", "wrong");
        DriverException e = assertThrows(DriverException.class, () -> connect(args));
        assertTrue(e.getMessage().contains("with password"), e.getMessage());
    }
}
