package dev.netpilot.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * An interactive shell on a simulated device, for tests: sends keys and waits, never longer than
 * {@link #TIMEOUT}, for expected text. Reads asynchronously into a buffer the test thread inspects.
 */
final class TestShell implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final ClientSession session;
    private final ChannelShell channel;
    private final ByteArrayBuffer readBuffer = new ByteArrayBuffer(64 * 1024);
    private final StringBuilder received = new StringBuilder(); // guarded by this
    private int consumed;
    private boolean ended;

    private TestShell(ClientSession session, ChannelShell channel) {
        this.session = session;
        this.channel = channel;
    }

    static SshClient client() {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
        return client;
    }

    static ClientSession login(SshClient client, SimulatedDevice device, String user, String password)
            throws IOException {
        ClientSession session = client.connect(user, device.host(), device.port()).verify(TIMEOUT).getSession();
        try {
            session.addPasswordIdentity(password);
            session.auth().verify(TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    /** Logs in as admin/admin and opens a shell with a PTY, as a network automation client does. */
    static TestShell open(SshClient client, SimulatedDevice device) throws IOException {
        ClientSession session = login(client, device, "admin", "admin");
        ChannelShell channel = session.createShellChannel();
        channel.setStreaming(ClientChannel.Streaming.Async);
        channel.open().verify(TIMEOUT);
        TestShell shell = new TestShell(session, channel);
        shell.readNext();
        return shell;
    }

    ClientSession session() {
        return session;
    }

    void send(String keys) throws IOException {
        byte[] bytes = keys.getBytes(StandardCharsets.ISO_8859_1);
        channel.getAsyncIn().writeBuffer(new ByteArrayBuffer(bytes)).verify(TIMEOUT);
    }

    /** Returns what arrived after the previous read, through the first {@code marker}; fails after {@link #TIMEOUT}. */
    synchronized String readUntil(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int at;
        while ((at = received.indexOf(marker, consumed)) < 0) {
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError((ended ? "shell ended" : "timed out") + " waiting for '" + marker
                        + "', got: '" + received.substring(consumed) + "'");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        String text = received.substring(consumed, at + marker.length());
        consumed = at + marker.length();
        return text;
    }

    /** Sends keys, then returns everything up to and including {@code marker}. */
    String readUntilAfter(String keys, String marker) throws IOException, InterruptedException {
        send(keys);
        return readUntil(marker);
    }

    /** Types a command and Enter, returns everything up to and including {@code prompt}. */
    String command(String command, String prompt) throws IOException, InterruptedException {
        return readUntilAfter(command + "\n", prompt);
    }

    /** Ends the input, as a client whose stdin ran out does (SSH EOF). */
    void endInput() {
        channel.getAsyncIn().close(false);
    }

    /** Waits until the device has closed the shell. */
    synchronized void awaitEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("shell still open");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void readNext() {
        readBuffer.clear();
        channel.getAsyncOut().read(readBuffer).addListener(this::onRead);
    }

    private void onRead(IoReadFuture future) {
        synchronized (this) {
            if (future.getException() != null) {
                ended = true;
                notifyAll();
                return;
            }
            received.append(new String(readBuffer.array(), readBuffer.rpos(), readBuffer.available(),
                    StandardCharsets.ISO_8859_1));
            notifyAll();
        }
        readNext();
    }

    @Override
    public void close() {
        session.close(true);
    }
}
