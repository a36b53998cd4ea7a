package dev.netpilot.driver.sftp;

import dev.netpilot.job.CommandResult;
import dev.netpilot.job.FileTransfer;
import dev.netpilot.job.FileTransfer.Operation;
import dev.netpilot.job.FileTransfer.SyncMode;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.MD5FileExtension;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One job's SFTP work, blocking (it runs on {@link FileTransfers}' pool): opens an SFTP channel, moves the file
 * or tree, and makes one result entry per file. Failures become entries with {@code exit_status} 1.
 */
final class SftpTransfer {

    /** The entries, the remote files written (for the cleanup), and whether every file made it. */
    record Outcome(List<CommandResult> entries, List<String> remoteFiles, boolean succeeded) {
    }

    private final SftpClient sftp;
    private final String host;
    private final FileTransfer transfer;
    private final List<CommandResult> entries = new ArrayList<>();
    private final List<String> remoteFiles = new ArrayList<>();
    private boolean failed;

    private SftpTransfer(SftpClient sftp, String host, FileTransfer transfer) {
        this.sftp = sftp;
        this.host = host;
        this.transfer = transfer;
    }

    static Outcome run(ClientSession ssh, String host, FileTransfer transfer, Path stagedFile) {
        long started = System.nanoTime();
        SftpClient sftp;
        try {
            sftp = SftpClientFactory.instance().createSftpClient(ssh);
        } catch (IOException e) {
            return new Outcome(List.of(failure(transfer, host, started, "could not open an SFTP channel on " + host
                    + ": " + describe(e) + " (does the device offer the SFTP subsystem?)")), List.of(), false);
        }
        SftpTransfer work = new SftpTransfer(sftp, host, transfer);
        try {
            if (transfer.operation() == Operation.UPLOAD) {
                work.upload(stagedFile != null ? stagedFile : Path.of(transfer.localPath()));
            } else {
                work.download(Path.of(transfer.localPath()));
            }
        } finally {
            try {
                sftp.close();
            } catch (IOException ignored) {
                // the entries already say how each file went; a session that broke is reported by its owner
            }
        }
        return new Outcome(work.entries, work.remoteFiles, !work.failed && !work.entries.isEmpty());
    }

    /** Removes the uploaded files after the command ran ({@code cleanup_after_exec}). */
    static CommandResult remove(ClientSession ssh, String host, List<String> files, String remotePath) {
        long started = System.nanoTime();
        String command = "cleanup " + remotePath;
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(ssh)) {
            for (String file : files) {
                sftp.remove(file);
            }
            return CommandResult.ok(command, "Removed " + files.size() + " uploaded file(s)",
                    CommandResult.timing(host, started));
        } catch (IOException e) {
            return CommandResult.error(command, "", "could not remove the uploaded file: " + describe(e),
                    CommandResult.timing(host, started));
        }
    }

    // ---- upload

    private void upload(Path source) {
        if (!Files.exists(source)) {
            fail(transfer.remotePath(), "local_path " + source + " does not exist on the executor");
            return;
        }
        String remote = transfer.remotePath().endsWith("/")
                ? transfer.remotePath() + source.getFileName() : transfer.remotePath();
        if (!Files.isDirectory(source)) {
            uploadFile(source, remote);
            return;
        }
        if (!transfer.recursive()) {
            fail(remote, "local_path " + source + " is a directory; set file_transfer.recursive to true to upload "
                    + "it with its contents");
            return;
        }
        List<Path> tree;
        try (Stream<Path> walk = Files.walk(source)) {
            tree = walk.sorted().toList();
        } catch (IOException e) {
            fail(remote, "could not read the local directory " + source + ": " + describe(e));
            return;
        }
        for (Path local : tree) {
            String target = join(remote, source.relativize(local));
            if (Files.isDirectory(local)) {
                if (!ensureRemoteDirectory(target)) {
                    return;
                }
            } else if (Files.isRegularFile(local)) {
                uploadFile(local, target);
            }
        }
    }

    private boolean ensureRemoteDirectory(String dir) {
        try {
            Attributes existing = statOrNull(dir);
            if (existing == null) {
                sftp.mkdir(dir);
            } else if (!existing.isDirectory()) {
                fail(dir, "remote path " + dir + " exists and is not a directory");
                return false;
            }
            return true;
        } catch (IOException e) {
            fail(dir, "could not create the remote directory " + dir + ": " + describe(e));
            return false;
        }
    }

    private void uploadFile(Path local, String remote) {
        long started = System.nanoTime();
        try {
            long total = Files.size(local);
            Attributes existing = statOrNull(remote);
            if (existing != null && existing.isDirectory()) {
                fail(remote, "remote_path " + remote + " is a directory; end remote_path with '/' to upload into it");
                return;
            }
            if (existing != null && transfer.syncMode() == SyncMode.HASH && existing.getSize() == total
                    && Arrays.equals(localMd5(local), remoteMd5(remote, total))) {
                chmod(remote);
                remoteFiles.add(remote);
                entries.add(done(remote, local, started, 0, total, true,
                        "File unchanged (same MD5 on both sides): transfer skipped, 0/" + total + " bytes"));
                return;
            }
            long offset = 0;
            if (existing != null) {
                if (transfer.resume() && existing.getSize() <= total) {
                    offset = existing.getSize();
                } else if (!transfer.overwrite()) {
                    fail(remote, "remote file " + remote + " already exists and file_transfer.overwrite is false; "
                            + "set overwrite to true to replace it" + (transfer.resume() ? "" : ", or resume to true "
                            + "to append the rest of a partial upload"));
                    return;
                }
            }
            long sent = offset == total ? 0 : write(local, remote, offset);
            chmod(remote);
            remoteFiles.add(remote);
            boolean verified = verify(remote, local, total);
            if (verified || transfer.syncMode() != SyncMode.HASH || !transfer.verifyFile()) {
                entries.add(done(remote, local, started, sent, total, verified, completed(offset, sent, total)));
            } else {
                fail(remote, "the MD5 of " + remote + " differs from the local file after the upload; upload again "
                        + "with resume false");
            }
        } catch (IOException e) {
            fail(remote, "upload of " + remote + " failed: " + describe(e));
        }
    }

    /** Writes the local file from {@code offset} on, pipelining {@code chunk_size} writes; returns the bytes sent. */
    private long write(Path local, String remote, long offset) throws IOException {
        EnumSet<OpenMode> modes = offset > 0 ? EnumSet.of(OpenMode.Write, OpenMode.Create)
                : EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
        try (InputStream in = Files.newInputStream(local);
             OutputStream out = sftp.write(remote, transfer.chunkSize(), modes)) {
            if (offset > 0) {
                in.skipNBytes(offset);
                ((SftpOutputStreamAsync) out).setOffset(offset);
            }
            return in.transferTo(out);
        }
    }

    private void chmod(String remote) throws IOException {
        if (transfer.chmod() != null) {
            sftp.setStat(remote, new Attributes().perms(transfer.chmod()));
        }
    }

    // ---- download

    private void download(Path target) {
        String remote = transfer.remotePath();
        Attributes attributes;
        try {
            attributes = sftp.stat(remote);
        } catch (IOException e) {
            fail(remote, "remote_path " + remote + ": " + describe(e));
            return;
        }
        String name = baseName(remote);
        Path local = Files.isDirectory(target) || transfer.localPath().endsWith("/") ? target.resolve(name) : target;
        if (!attributes.isDirectory()) {
            downloadFile(remote, attributes.getSize(), local);
            return;
        }
        if (!transfer.recursive()) {
            fail(remote, "remote_path " + remote + " is a directory; set file_transfer.recursive to true to "
                    + "download it with its contents");
            return;
        }
        downloadTree(remote, local);
    }

    private void downloadTree(String remoteDir, Path localDir) {
        List<DirEntry> children = new ArrayList<>();
        try {
            Files.createDirectories(localDir);
            for (DirEntry entry : sftp.readDir(remoteDir)) {
                if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                    children.add(entry);
                }
            }
        } catch (IOException e) {
            fail(remoteDir, "could not list " + remoteDir + ": " + describe(e));
            return;
        }
        children.sort((a, b) -> a.getFilename().compareTo(b.getFilename()));
        for (DirEntry child : children) {
            String remote = remoteDir.endsWith("/") ? remoteDir + child.getFilename()
                    : remoteDir + "/" + child.getFilename();
            Path local = localDir.resolve(child.getFilename());
            if (child.getAttributes().isDirectory()) {
                downloadTree(remote, local);
            } else if (child.getAttributes().isRegularFile()) {
                downloadFile(remote, child.getAttributes().getSize(), local);
            }
        }
    }

    private void downloadFile(String remote, long total, Path local) {
        long started = System.nanoTime();
        try {
            if (local.getParent() != null) {
                Files.createDirectories(local.getParent());
            }
            long offset = 0;
            if (Files.exists(local)) {
                long have = Files.size(local);
                if (transfer.syncMode() == SyncMode.HASH && have == total
                        && Arrays.equals(localMd5(local), remoteMd5(remote, total))) {
                    entries.add(done(remote, local, started, 0, total, true,
                            "File unchanged (same MD5 on both sides): transfer skipped, 0/" + total + " bytes"));
                    return;
                }
                if (transfer.resume() && have <= total) {
                    offset = have;
                } else if (!transfer.overwrite()) {
                    fail(remote, "local file " + local + " already exists and file_transfer.overwrite is false; set "
                            + "overwrite to true to replace it");
                    return;
                }
            }
            long received = offset == total ? 0 : read(remote, local, offset);
            boolean verified = verify(remote, local, total);
            if (verified || transfer.syncMode() != SyncMode.HASH || !transfer.verifyFile()) {
                entries.add(done(remote, local, started, received, total, verified, completed(offset, received, total)));
            } else {
                fail(remote, "the MD5 of the downloaded file differs from " + remote + "; download again with "
                        + "resume false");
            }
        } catch (IOException e) {
            fail(remote, "download of " + remote + " failed: " + describe(e));
        }
    }

    private long read(String remote, Path local, long offset) throws IOException {
        StandardOpenOption[] options = offset > 0
                ? new StandardOpenOption[]{StandardOpenOption.WRITE, StandardOpenOption.APPEND}
                : new StandardOpenOption[]{StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING};
        try (InputStream in = sftp.read(remote, transfer.chunkSize());
             OutputStream out = Files.newOutputStream(local, options)) {
            if (offset > 0) {
                in.skipNBytes(offset);
            }
            return in.transferTo(out);
        }
    }

    // ---- hashes

    /** In {@code hash} mode with {@code verify_file}: whether both sides now have the same MD5. */
    private boolean verify(String remote, Path local, long total) throws IOException {
        if (transfer.syncMode() != SyncMode.HASH || !transfer.verifyFile()) {
            return false;
        }
        return Arrays.equals(localMd5(local), remoteMd5(remote, total));
    }

    private static byte[] localMd5(Path local) throws IOException {
        MessageDigest md5 = md5();
        try (InputStream in = Files.newInputStream(local)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
            }
        }
        return md5.digest();
    }

    /**
     * The remote file's MD5: from the server's {@code md5-hash} extension when it has one (nothing crosses the
     * wire but the hash), else by reading the file through SFTP.
     */
    private byte[] remoteMd5(String remote, long size) throws IOException {
        MD5FileExtension extension = sftp.getExtension(MD5FileExtension.class);
        if (extension != null && extension.isSupported()) {
            try {
                return extension.getHash(remote, 0, size, new byte[0]);
            } catch (SftpException e) {
                // the server announced the extension but refused this file: hash it by reading
            }
        }
        MessageDigest md5 = md5();
        try (InputStream in = sftp.read(remote, transfer.chunkSize())) {
            byte[] buffer = new byte[transfer.chunkSize()];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
            }
        }
        return md5.digest();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }

    // ---- entries

    private CommandResult done(String remote, Path local, long started, long moved, long total, boolean verified,
                               String stdout) {
        Map<String, Object> metadata = CommandResult.timing(host, started);
        metadata.put("transferred_bytes", moved);
        metadata.put("total_bytes", total);
        metadata.put("transfer_success", true);
        metadata.put("md5_verified", verified);
        metadata.put("local_path", local.toString());
        metadata.put("remote_path", remote);
        return CommandResult.ok(transfer.label(remote), stdout, metadata);
    }

    private void fail(String remote, String why) {
        failed = true;
        entries.add(failure(transfer, host, System.nanoTime(), why).withMetadata("remote_path", remote));
    }

    private static CommandResult failure(FileTransfer transfer, String host, long started, String why) {
        Map<String, Object> metadata = CommandResult.timing(host, started);
        metadata.put("transfer_success", false);
        return CommandResult.error("file_transfer_" + transfer.operation().wire(), "", why, metadata);
    }

    private static String completed(long offset, long moved, long total) {
        return (offset > 0 ? "Resumed at byte " + offset + ". " : "") + "File transfer completed: " + (offset + moved)
                + "/" + total + " bytes";
    }

    private Attributes statOrNull(String remote) throws IOException {
        try {
            return sftp.stat(remote);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return null;
            }
            throw e;
        }
    }

    private static String join(String remoteDir, Path relative) {
        String tail = relative.toString().replace('\\', '/');
        if (tail.isEmpty()) {
            return remoteDir;
        }
        return remoteDir.endsWith("/") ? remoteDir + tail : remoteDir + "/" + tail;
    }

    private static String baseName(String remote) {
        String trimmed = remote.endsWith("/") && remote.length() > 1 ? remote.substring(0, remote.length() - 1) : remote;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** What went wrong, in the words a user can act on. */
    static String describe(Throwable e) {
        if (e instanceof SftpException sftp) {
            return switch (sftp.getStatus()) {
                case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH ->
                        "no such file or directory on the device";
                case SftpConstants.SSH_FX_PERMISSION_DENIED -> "permission denied on the device (check the login's "
                        + "rights on that path)";
                case SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, SftpConstants.SSH_FX_QUOTA_EXCEEDED ->
                        "no space left on the device";
                default -> SftpConstants.getStatusName(sftp.getStatus()) + (e.getMessage() == null ? ""
                        : " (" + e.getMessage() + ")");
            };
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file on the executor: " + missing.getFile();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
