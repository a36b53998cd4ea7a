package dev.netpilot.driver.sftp;

import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.driver.ssh.SshBacked;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.FileTransfer;
import org.apache.sshd.client.session.ClientSession;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job's {@code file_transfer} over SFTP on the device's SSH login (any {@link SshBacked} session): upload from
 * the staged multipart file or {@code local_path}, or download to {@code local_path}, with NetPulse's options
 * (overwrite, resume, recursive, hash sync, chunk size, chmod), then {@code execute_command} on an exec channel and
 * the cleanup. Local paths are used as given: the caller (the executor) confines them to its directories first.
 *
 * <p>MINA's SFTP client blocks while it waits for replies, so the transfer runs on a small dedicated pool
 * ({@value #THREADS} threads, shared by all jobs), never on MINA's I/O threads; the command after the upload is
 * asynchronous. Closing the session (timeout, cancellation) ends a transfer at once with an error entry.
 */
public final class FileTransfers {

    /** Transfers that run at once per process; more wait for a thread. */
    static final int THREADS = 4;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final ExecutorService BLOCKING = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "netpilot-sftp-" + THREAD_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private FileTransfers() {
    }

    /**
     * Runs the job's {@code file_transfer} and returns its entries: one per file (each {@code upload <remote>} or
     * {@code download <remote>}, with {@code transferred_bytes}, {@code total_bytes}, {@code transfer_success},
     * {@code md5_verified}, {@code local_path}, {@code remote_path}), then the command and cleanup entries. A
     * transfer that fails is an entry with {@code exit_status} 1 saying what to fix; a bad {@code file_transfer}
     * fails the stage with an {@link InvalidArgumentException}.
     */
    public static CompletionStage<List<CommandResult>> run(SshBacked session, DeviceJob job) {
        FileTransfer transfer;
        try {
            transfer = FileTransfer.parse(job.fileTransfer());
        } catch (FileTransfer.Invalid e) {
            return CompletableFuture.failedFuture(new InvalidArgumentException(e.getMessage()));
        }
        if (transfer.operation() == FileTransfer.Operation.UPLOAD && job.stagedFile() == null
                && transfer.localPath() == null) {
            return CompletableFuture.failedFuture(new InvalidArgumentException("file_transfer upload needs a file: "
                    + "send it as the multipart 'file' field of POST /device/exec, or give file_transfer.local_path"));
        }
        if (transfer.operation() == FileTransfer.Operation.DOWNLOAD && transfer.localPath() == null) {
            return CompletableFuture.failedFuture(new InvalidArgumentException(
                    "file_transfer download needs local_path: where to write the file"));
        }
        ClientSession ssh = session.ssh();
        String host = job.spec().host();
        CompletableFuture<SftpTransfer.Outcome> moved = CompletableFuture.supplyAsync(
                () -> SftpTransfer.run(ssh, host, transfer, job.stagedFile()), BLOCKING);
        return moved.thenCompose(outcome -> {
            if (!transfer.executeAfterUpload()) {
                return CompletableFuture.completedFuture(outcome.entries());
            }
            List<CommandResult> entries = new ArrayList<>(outcome.entries());
            if (!outcome.succeeded()) {
                entries.add(CommandResult.error(transfer.executeCommand(), "", "Skipped: the upload failed",
                        CommandResult.timing(host, System.nanoTime())));
                return CompletableFuture.completedFuture(entries);
            }
            return RemoteExec.run(ssh, host, transfer.executeCommand(), BLOCKING)
                    .thenCompose(executed -> {
                        entries.add(executed);
                        if (!transfer.cleanupAfterExec()) {
                            return CompletableFuture.completedFuture(entries);
                        }
                        return CompletableFuture.supplyAsync(
                                () -> SftpTransfer.remove(ssh, host, outcome.remoteFiles(), transfer.remotePath()),
                                BLOCKING).thenApply(cleanup -> {
                                    entries.add(cleanup);
                                    return entries;
                                });
                    });
        });
    }
}
