package dev.netpilot.driver.sftp;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.ssh.SshBacked;
import dev.netpilot.driver.ssh.SshTransport;
import dev.netpilot.job.CommandResult;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.netpilot.driver.sftp.FileTransfersTest.await;
import static dev.netpilot.driver.sftp.FileTransfersTest.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code execute_after_upload} and {@code cleanup_after_exec} against an SSH server whose exec channels run real
 * processes (MINA with its process command factory, bound to loopback) and whose SFTP serves the real file system,
 * so that the command sees the uploaded file.
 */
class ExecuteAfterUploadTest {

    private static SshServer server;
    private static ClientSession ssh;
    private static ConnectionSpec spec;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        String password = UUID.randomUUID().toString();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
        server.setPasswordAuthenticator((user, given, session) -> password.equals(given));
        server.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.start();
        spec = ConnectionSpec.from(Map.of("host", "127.0.0.1", "port", server.getPort(), "username", "tester",
                "password", password));
        ssh = await(SshTransport.shared().connect(spec));
    }

    @AfterAll
    static void stop() throws Exception {
        if (ssh != null) {
            ssh.close(true);
        }
        server.stop(true);
    }

    private List<CommandResult> upload(Path file, String remote, String command, boolean cleanup) throws Exception {
        Map<String, Object> transfer = Map.of("operation", "upload", "remote_path", remote,
                "execute_after_upload", true, "execute_command", command, "cleanup_after_exec", cleanup);
        return await(FileTransfers.run((SshBacked) () -> ssh, job(spec, transfer, file)));
    }

    @Test
    void runsTheCommandOnTheUploadedFileThenRemovesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("script.txt"), "payload line\n");
        Path remote = dir.resolve("remote.txt");
        List<CommandResult> results = upload(file, remote.toString(), "cat " + remote, true);
        assertEquals(List.of("upload " + remote, "cat " + remote, "cleanup " + remote),
                results.stream().map(CommandResult::command).toList());
        results.forEach(entry -> assertEquals(0, entry.exitStatus(), entry.command() + ": " + entry.stderr()));
        assertEquals("payload line\n", results.get(1).stdout());
        assertFalse(Files.exists(remote), "cleanup_after_exec removes the uploaded file");
    }

    @Test
    void aFailingCommandIsAnEntryWithItsExitStatusAndTheFileStaysWithoutCleanup() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "x");
        Path remote = dir.resolve("kept.txt");
        List<CommandResult> results = upload(file, remote.toString(), "ls " + dir.resolve("missing"), false);
        assertEquals(2, results.size(), results.toString());
        CommandResult executed = results.get(1);
        assertTrue(executed.exitStatus() != 0, "ls of a missing file fails");
        assertTrue(executed.stderr().contains("missing"), executed.stderr());
        assertEquals("x", Files.readString(remote, StandardCharsets.UTF_8));
    }

    @Test
    void theCommandIsSkippedWhenTheUploadFails() throws Exception {
        Path file = Files.writeString(dir.resolve("b.txt"), "y");
        List<CommandResult> results = upload(file, dir.resolve("no/such/dir/b.txt").toString(), "cat /etc/hostname",
                true);
        assertEquals(2, results.size(), results.toString());
        assertEquals(1, results.get(0).exitStatus());
        assertEquals("cat /etc/hostname", results.get(1).command());
        assertEquals("Skipped: the upload failed", results.get(1).stderr());
    }
}
