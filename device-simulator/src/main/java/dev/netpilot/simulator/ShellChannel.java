package dev.netpilot.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.session.ServerSession;

/**
 * One interactive shell on a simulated device, fully asynchronous: MINA calls back when input
 * arrives or output was sent, and a delayed reply is a scheduled task, so no thread ever waits for a
 * session. At most one read and one write are outstanding; the next read is only issued once the input
 * already received has been handled (a delayed reply holds typed-ahead input back, as a busy device does)
 * and the output backlog is small, which keeps a client that does not read from growing our memory. A vty has no
 * separate error stream: errors are printed inline like any output.
 */
final class ShellChannel extends AsyncChannelCommand {

    private static final int READ_CHUNK = 8192;
    private static final int MAX_BACKLOG = 64 * 1024;

    private final ScheduledExecutorService scheduler;
    private final Duration latency;
    private final ByteArrayBuffer input = new ByteArrayBuffer(READ_CHUNK);
    private final StringBuilder output = new StringBuilder();

    private ServerSession session;
    private CliSession cli;
    private Terminal terminal;

    // guarded by this
    private boolean reading;
    private boolean writing;
    private boolean delayed;
    private boolean hangingUp;
    private boolean closed;

    ShellChannel(ScheduledExecutorService scheduler, Duration latency) {
        this.scheduler = scheduler;
        this.latency = latency;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        session = channel.getServerSession();
        SimulatedDevice device = session.getAttribute(DeviceSimulator.DEVICE);
        cli = device.model().openSession(new SessionContext(session.getUsername(), peer(session), device::countCommand));
        synchronized (this) {
            terminal = new Terminal(cli, output);
            terminal.show(cli.greeting());
        }
        pump();
    }

    @Override
    public void destroy(ChannelSession channel) {
        synchronized (this) {
            closed = true;
        }
        if (cli != null) {
            cli.close();
        }
    }

    /** Handles the input received so far, then sends output and asks for more input when ready. */
    private void pump() {
        boolean readMore = false;
        synchronized (this) {
            while (!delayed && !hangingUp && input.available() > 0) {
                Reply reply = terminal.key(input.getUByte());
                if (reply != null) {
                    later(() -> show(reply));
                }
            }
            if (!reading && !delayed && !hangingUp && !closed && output.length() < MAX_BACKLOG) {
                input.clear();
                reading = true;
                readMore = true;
            }
        }
        flush();
        if (readMore) {
            in.read(input).addListener(this::onRead);
        }
    }

    /** Runs a reply after the configured latency; input waits meanwhile. Called holding the lock. */
    private void later(Runnable reply) {
        if (latency.isZero()) {
            reply.run();
            return;
        }
        delayed = true;
        scheduler.schedule(() -> {
            synchronized (this) {
                delayed = false;
                reply.run();
            }
            pump();
        }, latency.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void show(Reply reply) {
        terminal.show(reply);
        hangingUp = reply.hangUp();
    }

    private void onRead(IoReadFuture future) {
        synchronized (this) {
            reading = false;
            // EOF: nothing more will be typed, so hang up once the output is sent ('ssh host < commands')
            hangingUp |= future.getException() != null;
        }
        pump();
    }

    /** Sends what is queued, one write at a time; ends the channel when a hang-up has been sent. */
    private void flush() {
        byte[] bytes;
        synchronized (this) {
            if (writing || closed) {
                return;
            }
            if (output.length() == 0) {
                if (!hangingUp) {
                    return;
                }
                closed = true;
                bytes = null;
            } else {
                bytes = output.toString().getBytes(StandardCharsets.ISO_8859_1);
                output.setLength(0);
                writing = true;
            }
        }
        if (bytes == null) {
            exit.onExit(0);
            session.close(false); // 'exit' on a vty drops the connection, not just the channel
            return;
        }
        try {
            out.writeBuffer(new ByteArrayBuffer(bytes)).addListener(this::onWritten);
        } catch (IOException e) {
            synchronized (this) {
                closed = true;
            }
        }
    }

    private void onWritten(IoWriteFuture future) {
        synchronized (this) {
            writing = false;
            if (!future.isWritten()) {
                closed = true;
                return;
            }
        }
        pump();
    }

    private static String peer(ServerSession session) {
        SocketAddress address = session.getIoSession().getRemoteAddress();
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
