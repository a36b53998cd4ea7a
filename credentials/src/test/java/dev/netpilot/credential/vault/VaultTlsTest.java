package dev.netpilot.credential.vault;

import dev.netpilot.credential.CredentialException;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.simulator.vault.VaultSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vault over TLS: trusted through {@code ca-file}, refused without it. */
class VaultTlsTest {

    @TempDir
    Path dir;
    private VaultSimulator vault;
    private Path caFile;

    @BeforeEach
    void start() throws Exception {
        Path keyStore = dir.resolve("vault.p12");
        caFile = dir.resolve("vault-ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "vault", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=vault.test", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "vault", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-file", caFile.toString());
        vault = VaultSimulator.startTls(keyStore, "changeit".toCharArray());
        vault.token("t", List.of("kv"));
        vault.put(null, "kv", "netpilot/core1", Map.of("username", "admin", "password", "tls-pw"));
    }

    @AfterEach
    void stop() {
        if (vault != null) {
            vault.close();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }

    private Map<String, String> read(Map<String, String> settings) {
        VaultKvProvider provider = new VaultKvProvider();
        provider.configure(PluginConfig.of(settings));
        return provider.read(CredentialRef.from(Map.of("ref", "netpilot/core1"))).toCompletableFuture().join();
    }

    @Test
    void theCaFileIsTrusted() {
        assertTrue(vault.address().startsWith("https://127.0.0.1:"));
        assertEquals("tls-pw", read(Map.of("np.credentials.vault.address", vault.address(),
                "np.credentials.vault.token", "t", "np.credentials.vault.ca-file", caFile.toString())).get("password"));
    }

    @Test
    void withoutTheCaFileTheCertificateIsRefused() {
        CompletionException e = assertThrows(CompletionException.class, () -> read(Map.of(
                "np.credentials.vault.address", vault.address(), "np.credentials.vault.token", "t")));
        assertTrue(assertInstanceOf(CredentialException.class, e.getCause()).getMessage()
                .startsWith("cannot reach Vault at " + vault.address()), e.getCause().getMessage());
    }

    @Test
    void aCaFileWithoutCertificatesIsAConfigurationError() throws IOException {
        Files.writeString(dir.resolve("empty.pem"), "");
        VaultKvProvider provider = new VaultKvProvider();
        assertThrows(IllegalArgumentException.class, () -> provider.configure(PluginConfig.of(Map.of(
                "np.credentials.vault.address", vault.address(), "np.credentials.vault.ca-file",
                dir.resolve("empty.pem").toString()))));
    }
}
