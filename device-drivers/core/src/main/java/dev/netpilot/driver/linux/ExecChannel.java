package dev.netpilot.driver.linux;

import dev.netpilot.driver.DriverException.DeviceConnectionException;
import dev.netpilot.driver.InOrder;
import dev.netpilot.driver.ssh.SshTransport;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

/**
 * One remote command on its own exec channel, fully asynchronous: stdin is written, stdout and stderr are read as
 * they arrive (answering {@code expect} prompts on the way), and the stage completes once the remote side has closed
 * the channel, with its exit code. No thread waits for the command.
 */
final class ExecChannel {

    private static final int READ_CHUNK = 8 * 1024;

    /**
     * What the command left behind.
     *
     * @param exitStatus the remote exit code, or null when the command ended without one (killed, or stopped by us)
     * @param timedOut   whether the channel was closed because the command outlived its timeout
     */
    record Outcome(String stdout, String stderr, Integer exitStatus, boolean timedOut) {
    }

    /**
     * What to run.
     *
     * @param commandLine the shell line the server runs
     * @param pty         request a pseudo-terminal
     * @param stdin       text written to the command's input first, or null
     * @param closeStdin  send end-of-file after {@code stdin} (a command that reads its input then ends)
     * @param expect      prompt text to look for in the output, and the line that answers it (each once)
     * @param timeout     close the channel when the command runs longer, or null
     */
    record Request(String commandLine, boolean pty, String stdin, boolean closeStdin, Map<String, String> expect,
                   Duration timeout) {
    }

    private final ChannelExec channel;
    private final Request request;
    private final CompletableFuture<Outcome> result = new CompletableFuture<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<String> unanswered;
    /** Writes to stdin, one at a time, started outside this object's lock (see {@link InOrder}). */
    private final InOrder writes = new InOrder();
    private int streamsOpen = 2;
    private boolean closed;
    private boolean timedOut;
    private ScheduledFuture<?> timer;

    private ExecChannel(ChannelExec channel, Request request) {
        this.channel = channel;
        this.request = request;
        this.unanswered = new ArrayList<>(request.expect().keySet());
    }

    /** Opens the channel and runs the command; fails only when the channel cannot be opened. */
    static CompletionStage<Outcome> run(ClientSession ssh, SshTransport transport, String address, Request request) {
        ChannelExec channel;
        try {
            channel = ssh.createExecChannel(request.commandLine());
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(refused(address, e));
        }
        channel.setStreaming(ClientChannel.Streaming.Async);
        if (request.pty()) {
            channel.setUsePty(true);
            channel.setPtyType("vt100");
            channel.setPtyColumns(511);
        }
        ExecChannel exec = new ExecChannel(channel, request);
        try {
            channel.open().addListener(opened -> {
                if (!opened.isOpened()) {
                    exec.result.completeExceptionally(refused(address, opened.getException()));
                    return;
                }
                exec.start(transport);
            });
        } catch (IOException | RuntimeException e) {
            channel.close(true);
            return CompletableFuture.failedFuture(refused(address, e));
        }
        return exec.result;
    }

    private void start(SshTransport transport) {
        if (request.timeout() != null) {
            timer = transport.schedule(() -> {
                synchronized (this) {
                    timedOut = !closed;
                }
                channel.close(true);
            }, request.timeout());
        }
        channel.addCloseFutureListener(ignored -> {
            synchronized (this) {
                closed = true;
            }
            finishIfDone();
        });
        read(channel.getAsyncOut(), stdout);
        read(channel.getAsyncErr(), stderr);
        if (request.stdin() != null) {
            write(request.stdin());
        }
        if (request.closeStdin()) {
            closeInput();
        }
    }

    /** Queues text for the command's stdin: the channel takes one write at a time, so writes are chained. */
    private void write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writes.then(() -> {
            CompletableFuture<Void> written = new CompletableFuture<>();
            try {
                channel.getAsyncIn().writeBuffer(new ByteArrayBuffer(bytes)).addListener(done -> written.complete(null));
            } catch (IOException | RuntimeException e) {
                channel.close(true); // the command's end is reported with what it printed
                written.complete(null);
            }
            return written;
        });
    }

    /** Sends end-of-file once the queued writes are out. */
    private void closeInput() {
        writes.then(() -> {
            channel.getAsyncIn().close(false);
            return CompletableFuture.completedFuture(null);
        });
    }

    private void read(IoInputStream stream, ByteArrayOutputStream into) {
        ByteArrayBuffer buffer = new ByteArrayBuffer(READ_CHUNK);
        stream.read(buffer).addListener(future -> onRead(stream, into, future));
    }

    private void onRead(IoInputStream stream, ByteArrayOutputStream into, IoReadFuture future) {
        if (future.getException() != null || future.getRead() < 0) {
            synchronized (this) {
                streamsOpen--;
            }
            finishIfDone();
            return;
        }
        byte[] bytes = new byte[future.getRead()];
        future.getBuffer().getRawBytes(bytes);
        String answer;
        synchronized (this) {
            into.write(bytes, 0, bytes.length);
            answer = answerDue();
        }
        if (answer != null) {
            write(answer + "\n");
        }
        read(stream, into);
    }

    /** The answer to the first unanswered prompt now found in the output, or null. Called holding the lock. */
    private String answerDue() {
        if (unanswered.isEmpty()) {
            return null;
        }
        String output = stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
        for (String prompt : unanswered) {
            if (output.contains(prompt)) {
                unanswered.remove(prompt);
                return request.expect().get(prompt);
            }
        }
        return null;
    }

    private void finishIfDone() {
        Outcome outcome;
        synchronized (this) {
            if (!closed || streamsOpen > 0 || result.isDone()) {
                return;
            }
            outcome = new Outcome(stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8),
                    timedOut ? null : channel.getExitStatus(), timedOut);
        }
        if (timer != null) {
            timer.cancel(false);
        }
        result.complete(outcome);
    }

    private static DeviceConnectionException refused(String address, Throwable cause) {
        return new DeviceConnectionException(address + " refused an exec channel: " + cause, cause);
    }
}
