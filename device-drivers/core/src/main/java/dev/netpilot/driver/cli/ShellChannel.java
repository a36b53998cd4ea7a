package dev.netpilot.driver.cli;

import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.DriverException.CommandTimeoutException;
import dev.netpilot.driver.DriverException.DeviceConnectionException;
import dev.netpilot.driver.InOrder;
import dev.netpilot.driver.ssh.SshTransport;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.regex.Pattern;

/**
 * An interactive shell channel read asynchronously: every chunk the device sends is decoded and appended, and
 * the one pending read completes as soon as its condition holds. No thread waits and no read sleeps.
 */
final class ShellChannel {

    /** Per-channel read buffer: small, because an executor keeps thousands of channels open. */
    private static final int READ_CHUNK = 8 * 1024;

    private final ChannelShell channel;
    private final SshTransport transport;
    private final String address;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteArrayBuffer readBuffer = new ByteArrayBuffer(READ_CHUNK);
    private final StringBuilder unread = new StringBuilder();
    private ByteBuffer undecoded = ByteBuffer.allocate(0);
    /** Writes, one at a time, started outside this object's lock (see {@link InOrder}). */
    private final InOrder writes = new InOrder();
    private PendingRead pending;
    private DriverException closedBy;

    /**
     * A question the device may ask in the middle of an output (a pager marker, {@code [confirm]}) and the text to
     * send when it shows in the last line.
     */
    record Answer(Pattern question, String reply) {
    }

    /** @param answeredAt where the output stood when the last answer was sent: older text is never answered again */
    private record PendingRead(ReadCondition condition, List<Answer> answers, CompletableFuture<String> result,
                               ScheduledFuture<?> timer, int[] answeredAt) {
    }

    private ShellChannel(ChannelShell channel, SshTransport transport, String address) {
        this.channel = channel;
        this.transport = transport;
        this.address = address;
    }

    /** Opens a shell with a wide PTY (long lines are not wrapped) and starts reading. */
    static CompletionStage<ShellChannel> open(ClientSession session, SshTransport transport, String address) {
        CompletableFuture<ShellChannel> result = new CompletableFuture<>();
        try {
            ChannelShell shell = session.createShellChannel();
            shell.setPtyType("vt100");
            shell.setPtyColumns(511);
            shell.setPtyLines(1000);
            shell.setStreaming(ClientChannel.Streaming.Async);
            ShellChannel channel = new ShellChannel(shell, transport, address);
            shell.open().addListener(opened -> {
                if (opened.isOpened()) {
                    channel.readNext();
                    result.complete(channel);
                } else {
                    result.completeExceptionally(new DeviceConnectionException(address + " refused a shell channel: "
                            + opened.getException(), opened.getException()));
                }
            });
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(new DeviceConnectionException(address + " refused a shell channel: " + e, e));
        }
        return result;
    }

    boolean isOpen() {
        synchronized (this) {
            return closedBy == null && channel.isOpen();
        }
    }

    /** Sends text; writes are queued so that they reach the device in call order. */
    CompletionStage<Void> write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return writes.then(() -> writeNow(bytes));
    }

    private CompletableFuture<Void> writeNow(byte[] bytes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            channel.getAsyncIn().writeBuffer(new ByteArrayBuffer(bytes)).addListener(written -> {
                if (written.isWritten()) {
                    done.complete(null);
                } else {
                    writeFailed(done, written.getException());
                }
            });
        } catch (IOException | RuntimeException e) {
            writeFailed(done, e);
        }
        return done;
    }

    /**
     * A write that failed leaves the channel unusable: it counts as closed at once (before MINA has finished closing
     * it), and a pending read fails with the same reason instead of waiting for its timeout.
     */
    private void writeFailed(CompletableFuture<Void> done, Throwable cause) {
        DriverException failure = closed("writing to the device failed", cause);
        fail(failure);
        done.completeExceptionally(failure);
    }

    /**
     * Reads until {@code condition} holds and returns everything read (the consumed text), sending an answer whenever
     * its question shows up in new output. Fails with {@link CommandTimeoutException} after {@code timeout}.
     */
    CompletionStage<String> readUntil(ReadCondition condition, Duration timeout, List<Answer> answers, String what) {
        CompletableFuture<String> result = new CompletableFuture<>();
        ScheduledFuture<?> timer = transport.schedule(() -> timeOut(result, timeout, what), timeout);
        PendingRead read = new PendingRead(condition, answers, result, timer, new int[]{0});
        synchronized (this) {
            if (pending != null) {
                throw new IllegalStateException("a read is already pending on " + address);
            }
            pending = read;
        }
        check();
        return result;
    }

    void close() {
        channel.close(false);
    }

    private void readNext() {
        readBuffer.clear();
        channel.getAsyncOut().read(readBuffer).addListener(this::onRead);
    }

    private void onRead(IoReadFuture future) {
        if (future.getException() != null || future.getRead() < 0) {
            fail(closed("the device closed the session", future.getException()));
            return;
        }
        byte[] bytes = new byte[future.getRead()];
        future.getBuffer().getRawBytes(bytes);
        synchronized (this) {
            decode(bytes);
        }
        check();
        if (channel.isOpen()) {
            readNext();
        }
    }

    /** Decodes UTF-8 across chunk borders: an incomplete trailing sequence waits for the next chunk. */
    private void decode(byte[] bytes) {
        ByteBuffer input = ByteBuffer.allocate(undecoded.remaining() + bytes.length);
        input.put(undecoded).put(bytes).flip();
        CharBuffer output = CharBuffer.allocate(input.remaining());
        decoder.decode(input, output, false);
        output.flip();
        unread.append(output);
        undecoded = input.slice();
    }

    private void check() {
        PendingRead read;
        String consumed = null;
        String reply = null;
        synchronized (this) {
            read = pending;
            if (read == null) {
                return;
            }
            int end = read.condition().find(unread);
            if (end >= 0) {
                consumed = unread.substring(0, end);
                unread.delete(0, end);
                pending = null;
            } else if ((reply = answerFor(read)) != null) {
                read.answeredAt()[0] = unread.length();
            } else if (closedBy != null) {
                pending = null;
            }
        }
        if (consumed != null) {
            read.timer().cancel(false);
            read.result().complete(consumed);
        } else if (reply != null) {
            write(reply);
        } else if (closedBy != null) {
            read.timer().cancel(false);
            read.result().completeExceptionally(closedBy);
        }
    }

    /** The reply to a question in the last line of what arrived since the last answer, or null. */
    private String answerFor(PendingRead read) {
        if (read.answers().isEmpty() || unread.length() == read.answeredAt()[0]) {
            return null;
        }
        String tail = ReadCondition.lastLineOf(unread, read.answeredAt()[0]);
        for (Answer answer : read.answers()) {
            if (answer.question().matcher(tail).find()) {
                return answer.reply();
            }
        }
        return null;
    }

    private void timeOut(CompletableFuture<String> result, Duration timeout, String what) {
        String tail;
        synchronized (this) {
            if (pending == null || pending.result() != result) {
                return;
            }
            pending = null;
            String text = OutputNormalizer.stripAnsi(unread.toString()).strip();
            tail = text.length() > 200 ? "..." + text.substring(text.length() - 200) : text;
        }
        result.completeExceptionally(new CommandTimeoutException(address + " did not answer " + what + " within "
                + timeout.toMillis() / 1000.0 + " s; last output: '" + tail + "'"));
    }

    private void fail(DriverException cause) {
        synchronized (this) {
            if (closedBy == null) {
                closedBy = cause;
            }
        }
        check();
    }

    private DriverException closed(String what, Throwable cause) {
        return new DeviceConnectionException(what + " (" + address + ")", cause);
    }
}
