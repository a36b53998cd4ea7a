package dev.netpilot.driver.sftp;

import dev.netpilot.job.CommandResult;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One command on an exec channel next to the session's other channels (the command after an upload): its stdout,
 * stderr and exit status as a result entry. Nothing waits for the command: the channel's close completes the entry.
 * A session closed meanwhile (timeout, cancellation) ends it too.
 */
final class RemoteExec {

    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private RemoteExec() {
    }

    /** Opens the channel on {@code opener} (the open is a short blocking handshake) and completes when it closes. */
    static CompletionStage<CommandResult> run(ClientSession ssh, String host, String command, Executor opener) {
        long started = System.nanoTime();
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        opener.execute(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try {
                ChannelExec channel = ssh.createExecChannel(command);
                channel.setOut(out);
                channel.setErr(err);
                channel.addCloseFutureListener(closed -> {
                    Integer status = channel.getExitStatus();
                    String stdout = out.toString(StandardCharsets.UTF_8);
                    String stderr = err.toString(StandardCharsets.UTF_8);
                    int code = status == null ? -1 : status;
                    if (status == null && stderr.isEmpty()) {
                        stderr = "the channel closed without an exit status (the session may have been closed)";
                    }
                    result.complete(new CommandResult(command, stdout, stderr, code, null,
                            CommandResult.timing(host, started), null));
                });
                channel.open().verify(OPEN_TIMEOUT);
                channel.getInvertedIn().close(); // no input: EOF, so that a command reading stdin ends
            } catch (IOException | RuntimeException e) {
                result.complete(CommandResult.error(command, "", "could not run the command on " + host + ": "
                        + SftpTransfer.describe(e), CommandResult.timing(host, started)));
            }
        });
        return result;
    }
}
