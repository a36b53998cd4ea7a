package dev.netpilot.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * One exec request on a simulated device, fully asynchronous: the device's {@link ExecProcess} gets the input as it
 * arrives, its stdout and stderr go to their own streams (merged on a pseudo-terminal, as a tty does), and the
 * channel ends with the process's exit code once everything printed was sent. The first output waits for the
 * configured latency, as on a busy device.
 */
final class ExecChannel extends AsyncChannelCommand {

    private static final int READ_CHUNK = 8192;

    private final String command;
    private final ScheduledExecutorService scheduler;
    private final Duration latency;
    private final ByteArrayBuffer input = new ByteArrayBuffer(READ_CHUNK);

    private ExecProcess process;
    private boolean pty;
    // guarded by this: each stream takes one write at a time, so writes are chained
    private CompletableFuture<Void> outWrites = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> errWrites = CompletableFuture.completedFuture(null);
    private boolean ended;

    ExecChannel(String command, ScheduledExecutorService scheduler, Duration latency) {
        this.command = command;
        this.scheduler = scheduler;
        this.latency = latency;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        SimulatedDevice device = channel.getServerSession().getAttribute(DeviceSimulator.DEVICE);
        pty = env.getEnv().containsKey(Environment.ENV_TERM);
        CliSession cli = device.model().openSession(new SessionContext(channel.getServerSession().getUsername(),
                "exec", device::countCommand));
        process = cli.execProcess(command, pty);
        Runnable begin = () -> {
            if (handle(process.start())) {
                readNext();
            }
        };
        if (latency.isZero()) {
            begin.run();
        } else {
            scheduler.schedule(begin, latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        synchronized (this) {
            ended = true;
        }
    }

    private void readNext() {
        input.clear();
        in.read(input).addListener(this::onRead);
    }

    private void onRead(IoReadFuture future) {
        ExecProcess.Output output;
        if (future.getException() != null || future.getRead() < 0) {
            output = process.endOfInput();
        } else {
            byte[] bytes = new byte[future.getRead()];
            future.getBuffer().getRawBytes(bytes);
            output = process.input(new String(bytes, StandardCharsets.UTF_8));
        }
        if (handle(output) && future.getException() == null && future.getRead() >= 0) {
            readNext();
        }
    }

    /** Sends what the process printed; false once it ended (the channel then closes after the output). */
    private synchronized boolean handle(ExecProcess.Output output) {
        if (ended) {
            return false;
        }
        String stdout = output.stdout();
        String stderr = output.stderr();
        if (pty) { // a tty has one output and ends lines with CR LF
            stdout = (stdout + stderr).replace("\r\n", "\n").replace("\n", "\r\n");
            stderr = "";
        }
        outWrites = write(outWrites, out, stdout);
        errWrites = write(errWrites, err, stderr);
        if (output.exitCode() == null) {
            return true;
        }
        ended = true;
        int code = output.exitCode();
        CompletableFuture.allOf(outWrites, errWrites).whenComplete((ignored, failure) -> exit.onExit(code));
        return false;
    }

    private static CompletableFuture<Void> write(CompletableFuture<Void> previous, IoOutputStream stream, String text) {
        if (text.isEmpty()) {
            return previous;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return previous.thenCompose(ignored -> {
            CompletableFuture<Void> written = new CompletableFuture<>();
            try {
                stream.writeBuffer(new ByteArrayBuffer(bytes)).addListener(done -> written.complete(null));
            } catch (IOException | RuntimeException e) {
                written.complete(null); // the client went away; the channel closes anyway
            }
            return written;
        });
    }
}
