package dev.netpilot.driver.sftp;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceJob;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException;
import dev.netpilot.driver.cli.SshCliDriver;
import dev.netpilot.driver.ssh.SshBacked;
import dev.netpilot.job.CommandResult;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.MD5FileExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SFTP transfers on the CLI driver's SSH login to the simulator's devices, over real SSH on loopback. */
class FileTransfersTest {

    private static DeviceSimulator simulator;
    private static SimulatedDevice device;
    private static DeviceSession session;
    private static Path deviceRoot;

    @TempDir
    Path local;

    @BeforeAll
    static void start() throws Exception {
        simulator = DeviceSimulator.start(SimulatorConfig.builder().build());
        device = simulator.device(0);
        deviceRoot = simulator.fileRoot(device);
        session = await(new SshCliDriver().open(ConnectionSpec.from(args(device))));
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
        simulator.close();
    }

    static Map<String, Object> args(SimulatedDevice device) {
        Map<String, Object> args = new HashMap<>();
        args.put("device_type", "cisco_ios");
        args.put("host", device.host());
        args.put("port", device.port());
        args.put("username", "admin");
        args.put("password", "admin");
        return args;
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static DeviceJob job(ConnectionSpec spec, Map<String, Object> fileTransfer, Path staged) {
        return new DeviceJob("job-1", spec, List.of(), false, false, false, false, CommandOptions.defaults(),
                Map.of(), fileTransfer, staged);
    }

    private static List<CommandResult> run(Map<String, Object> fileTransfer, Path staged) throws Exception {
        return await(FileTransfers.run((SshBacked) session, job(ConnectionSpec.from(args(device)), fileTransfer,
                staged)));
    }

    private static Map<String, Object> transfer(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private Path localFile(String name, byte[] content) throws Exception {
        Path file = local.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }

    private static Path onDevice(String path) {
        return deviceRoot.resolve(path.substring(1));
    }

    @Test
    void uploadsTheStagedFileIntoADirectoryWithItsName() throws Exception {
        byte[] content = random(300_000, 1);
        Path staged = localFile("startup.cfg", content);
        List<CommandResult> results = run(transfer("operation", "upload", "remote_path", "/tmp/",
                "chunk_size", 4096), staged);
        assertEquals(1, results.size(), results.toString());
        CommandResult entry = results.get(0);
        assertEquals(0, entry.exitStatus(), entry.stderr());
        assertEquals("upload /tmp/startup.cfg", entry.command());
        assertEquals("File transfer completed: 300000/300000 bytes", entry.stdout());
        assertEquals(300_000L, entry.metadata().get("transferred_bytes"));
        assertEquals(300_000L, entry.metadata().get("total_bytes"));
        assertEquals(true, entry.metadata().get("transfer_success"));
        assertEquals(false, entry.metadata().get("md5_verified"));
        assertEquals("/tmp/startup.cfg", entry.metadata().get("remote_path"));
        assertEquals(staged.toString(), entry.metadata().get("local_path"));
        assertEquals(device.host(), entry.metadata().get("host"));
        assertArrayEquals(content, Files.readAllBytes(onDevice("/tmp/startup.cfg")));
    }

    @Test
    void uploadsFromLocalPath() throws Exception {
        Path file = localFile("a.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
        CommandResult entry = run(transfer("operation", "upload", "remote_path", "/tmp/renamed.txt",
                "local_path", file.toString()), null).get(0);
        assertEquals(0, entry.exitStatus(), entry.stderr());
        assertEquals("hello\n", Files.readString(onDevice("/tmp/renamed.txt")));
    }

    @Test
    void refusesToOverwriteWhenAskedNot() throws Exception {
        Files.writeString(onDevice("/tmp/keep.txt"), "original");
        Path file = localFile("keep.txt", "replacement".getBytes(StandardCharsets.UTF_8));
        CommandResult entry = run(transfer("operation", "upload", "remote_path", "/tmp/keep.txt",
                "overwrite", false), file).get(0);
        assertEquals(1, entry.exitStatus());
        assertEquals("file_transfer_upload", entry.command());
        assertTrue(entry.stderr().contains("already exists") && entry.stderr().contains("overwrite"), entry.stderr());
        assertEquals("original", Files.readString(onDevice("/tmp/keep.txt")));

        CommandResult replaced = run(transfer("operation", "upload", "remote_path", "/tmp/keep.txt"), file).get(0);
        assertEquals(0, replaced.exitStatus(), replaced.stderr());
        assertEquals("replacement", Files.readString(onDevice("/tmp/keep.txt")));
    }

    @Test
    void resumesAPartialUpload() throws Exception {
        byte[] content = random(100_000, 2);
        Files.write(onDevice("/tmp/partial.bin"), Arrays.copyOf(content, 40_000));
        Path file = localFile("partial.bin", content);
        CommandResult entry = run(transfer("operation", "upload", "remote_path", "/tmp/partial.bin",
                "resume", true, "overwrite", false), file).get(0);
        assertEquals(0, entry.exitStatus(), entry.stderr());
        assertEquals(60_000L, entry.metadata().get("transferred_bytes"));
        assertTrue(entry.stdout().toString().startsWith("Resumed at byte 40000."), entry.stdout().toString());
        assertArrayEquals(content, Files.readAllBytes(onDevice("/tmp/partial.bin")));
    }

    @Test
    void hashModeSkipsAnUnchangedFileAndSendsAChangedOne() throws Exception {
        byte[] content = random(50_000, 3);
        Files.write(onDevice("/tmp/same.bin"), content);
        Path file = localFile("same.bin", content);
        CommandResult skipped = run(transfer("operation", "upload", "remote_path", "/tmp/same.bin",
                "sync_mode", "hash"), file).get(0);
        assertEquals(0, skipped.exitStatus(), skipped.stderr());
        assertEquals(0L, skipped.metadata().get("transferred_bytes"));
        assertEquals(true, skipped.metadata().get("md5_verified"));
        assertTrue(skipped.stdout().toString().contains("transfer skipped"), skipped.stdout().toString());

        byte[] changed = content.clone();
        changed[100] ^= 1;
        Files.write(file, changed);
        CommandResult sent = run(transfer("operation", "upload", "remote_path", "/tmp/same.bin",
                "sync_mode", "hash"), file).get(0);
        assertEquals(0, sent.exitStatus(), sent.stderr());
        assertEquals(50_000L, sent.metadata().get("transferred_bytes"));
        assertEquals(true, sent.metadata().get("md5_verified"));
        assertArrayEquals(changed, Files.readAllBytes(onDevice("/tmp/same.bin")));
    }

    @Test
    void theSimulatorHashesFilesItself() throws Exception {
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(((SshBacked) session).ssh())) {
            assertTrue(sftp.getExtension(MD5FileExtension.class).isSupported(),
                    "hash mode needs no read of the remote file when the server offers md5-hash");
        }
    }

    @Test
    void setsThePermissionsAfterTheUpload() throws Exception {
        Path file = localFile("run.sh", "echo hi\n".getBytes(StandardCharsets.UTF_8));
        CommandResult entry = run(transfer("operation", "upload", "remote_path", "/tmp/run.sh", "chmod", "0750"),
                file).get(0);
        assertEquals(0, entry.exitStatus(), entry.stderr());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(onDevice("/tmp/run.sh"))));
    }

    @Test
    void uploadsAndDownloadsADirectoryTree() throws Exception {
        Path tree = local.resolve("site");
        localFile("site/a.cfg", "a\n".getBytes(StandardCharsets.UTF_8));
        localFile("site/sub/b.cfg", "bb\n".getBytes(StandardCharsets.UTF_8));
        localFile("site/sub/deeper/c.cfg", random(20_000, 4));
        Files.createDirectories(onDevice("/tmp/tree"));

        Map<String, Object> notRecursive = transfer("operation", "upload", "remote_path", "/tmp/tree/",
                "local_path", tree.toString());
        CommandResult refused = run(notRecursive, null).get(0);
        assertEquals(1, refused.exitStatus());
        assertTrue(refused.stderr().contains("recursive"), refused.stderr());

        List<CommandResult> up = run(transfer("operation", "upload", "remote_path", "/tmp/tree/",
                "local_path", tree.toString(), "recursive", true), null);
        assertEquals(List.of("upload /tmp/tree/site/a.cfg", "upload /tmp/tree/site/sub/b.cfg",
                "upload /tmp/tree/site/sub/deeper/c.cfg"), up.stream().map(CommandResult::command).toList());
        assertEquals("bb\n", Files.readString(onDevice("/tmp/tree/site/sub/b.cfg")));

        Path back = local.resolve("back");
        List<CommandResult> down = run(transfer("operation", "download", "remote_path", "/tmp/tree/site",
                "local_path", back.toString(), "recursive", true), null);
        assertEquals(3, down.size(), down.toString());
        down.forEach(entry -> assertEquals(0, entry.exitStatus(), entry.stderr()));
        assertEquals("a\n", Files.readString(back.resolve("a.cfg")));
        assertArrayEquals(Files.readAllBytes(tree.resolve("sub/deeper/c.cfg")),
                Files.readAllBytes(back.resolve("sub/deeper/c.cfg")));
    }

    @Test
    void downloadsAFileByteForByte() throws Exception {
        byte[] content = random(1_000_000, 5);
        Files.write(onDevice("/tmp/big.bin"), content);
        Path dir = Files.createDirectories(local.resolve("downloads"));
        CommandResult entry = run(transfer("operation", "download", "remote_path", "/tmp/big.bin",
                "local_path", dir.toString(), "chunk_size", 65536), null).get(0);
        assertEquals(0, entry.exitStatus(), entry.stderr());
        assertEquals("download /tmp/big.bin", entry.command());
        assertEquals("File transfer completed: 1000000/1000000 bytes", entry.stdout());
        assertEquals(dir.resolve("big.bin").toString(), entry.metadata().get("local_path"));
        assertEquals(1_000_000L, entry.metadata().get("total_bytes"));
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("big.bin")));
    }

    @Test
    void resumesADownloadAndSkipsAnUnchangedOne() throws Exception {
        byte[] content = random(70_000, 6);
        Files.write(onDevice("/tmp/log.bin"), content);
        Path target = localFile("log.bin", Arrays.copyOf(content, 10_000));
        CommandResult resumed = run(transfer("operation", "download", "remote_path", "/tmp/log.bin",
                "local_path", target.toString(), "resume", true), null).get(0);
        assertEquals(0, resumed.exitStatus(), resumed.stderr());
        assertEquals(60_000L, resumed.metadata().get("transferred_bytes"));
        assertArrayEquals(content, Files.readAllBytes(target));

        CommandResult skipped = run(transfer("operation", "download", "remote_path", "/tmp/log.bin",
                "local_path", target.toString(), "sync_mode", "hash"), null).get(0);
        assertEquals(0L, skipped.metadata().get("transferred_bytes"));
        assertEquals(true, skipped.metadata().get("md5_verified"));
    }

    @Test
    void aMissingRemoteFileIsAnEntryThatSaysSo() throws Exception {
        CommandResult entry = run(transfer("operation", "download", "remote_path", "/tmp/nope.txt",
                "local_path", local.resolve("nope.txt").toString()), null).get(0);
        assertEquals(1, entry.exitStatus());
        assertEquals("file_transfer_download", entry.command());
        assertTrue(entry.stderr().contains("/tmp/nope.txt") && entry.stderr().contains("no such file"), entry.stderr());
        assertEquals(false, entry.metadata().get("transfer_success"));
        assertFalse(Files.exists(local.resolve("nope.txt")));
    }

    @Test
    void invalidOptionsFailTheJob() {
        DriverException.InvalidArgumentException bad = assertThrows(DriverException.InvalidArgumentException.class,
                () -> run(transfer("operation", "move", "remote_path", "/tmp/x"), null));
        assertTrue(bad.getMessage().contains("file_transfer.operation"), bad.getMessage());
        DriverException.InvalidArgumentException noSource = assertThrows(
                DriverException.InvalidArgumentException.class,
                () -> run(transfer("operation", "upload", "remote_path", "/tmp/x"), null));
        assertTrue(noSource.getMessage().contains("multipart 'file'"), noSource.getMessage());
    }
}
