package dev.netpilot.simulator.openssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSSH server next to the simulator, for tests that need a real Linux server: {@code /usr/sbin/sshd -D -e}
 * on a free loopback port with its own host key, config and authorized key (the current user logs in with
 * {@link #clientKey()}; root is permitted), all in a temporary directory deleted on {@link #close()}. Check
 * {@link #available()} first: Debian and Ubuntu ship sshd in the {@code openssh-server} package.
 */
public final class OpenSshServer implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final Process process;
    private final Path directory;
    private final int port;

    private OpenSshServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Whether sshd and ssh-keygen are installed. */
    public static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(KEYGEN);
    }

    /** Starts sshd and returns once it listens. */
    public static OpenSshServer start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("np-sshd-");
        try {
            keygen(directory.resolve("host_key"));
            keygen(directory.resolve("client_key"));
            Files.copy(directory.resolve("client_key.pub"), directory.resolve("authorized_keys"));
            if ("root".equals(System.getProperty("user.name"))) {
                Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
            }
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Path config = directory.resolve("sshd_config");
            Files.writeString(config, String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + directory.resolve("host_key"),
                    "AuthorizedKeysFile " + directory.resolve("authorized_keys"),
                    "PidFile " + directory.resolve("sshd.pid"),
                    "PermitRootLogin yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "") + "\n");
            Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true).start();
            OpenSshServer server = new OpenSshServer(process, directory, port);
            server.awaitListening();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(directory);
            throw e;
        }
    }

    /** Reads sshd's log until it listens; the rest of the log is drained in the background. */
    private void awaitListening() throws IOException, InterruptedException {
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = log.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.contains("Server listening on 127.0.0.1 port " + port)) {
                        Thread drain = new Thread(() -> {
                            try {
                                while (log.readLine() != null) {
                                    // sshd's log is not needed once it listens
                                }
                            } catch (IOException stopped) {
                                // sshd stopped
                            }
                        }, "sshd-log");
                        drain.setDaemon(true);
                        drain.start();
                        return null;
                    }
                }
            } catch (IOException e) {
                seen.append(e);
            }
            return seen.toString();
        });
        String failure;
        try {
            failure = listening.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            failure = e.toString();
        }
        if (failure != null) {
            close();
            throw new IOException("sshd did not start: " + failure);
        }
    }

    public int port() {
        return port;
    }

    /** The private key (unencrypted, OpenSSH format) the current user logs in with. */
    public Path clientKey() {
        return directory.resolve("client_key");
    }

    /** A directory the login user owns, deleted with the server. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(directory);
    }

    private static void keygen(Path key) throws IOException, InterruptedException {
        Process keygen = new ProcessBuilder(KEYGEN.toString(), "-q", "-t", "ecdsa", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keygen.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + output);
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    /** The login user of the tests. */
    public static String user() {
        return System.getProperty("user.name");
    }
}
