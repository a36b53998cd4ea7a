package dev.netpilot.credential.file;

import dev.netpilot.credential.CredentialException;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.plugin.PluginConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secret files laid out as Kubernetes mounts them, JSON and properties files, and refused paths. */
class FileProviderTest {

    @TempDir
    Path root;
    private Path secrets;
    private FileProvider provider;

    @BeforeEach
    void layOut() throws IOException {
        secrets = Files.createDirectories(root.resolve("secrets"));
        // Kubernetes: core1/username -> ..data/username, ..data -> ..2026_01_01, one file per key
        Path version = Files.createDirectories(secrets.resolve("core1/..2026_01_01"));
        Files.writeString(version.resolve("username"), "admin\n");
        Files.writeString(version.resolve("password"), "K8s-Pw\r\n");
        Files.createSymbolicLink(secrets.resolve("core1/..data"), Path.of("..2026_01_01"));
        Files.createSymbolicLink(secrets.resolve("core1/username"), Path.of("..data/username"));
        Files.createSymbolicLink(secrets.resolve("core1/password"), Path.of("..data/password"));
        Files.writeString(secrets.resolve("edge.json"), "{\"username\": \"edge\", \"password\": \"Json-Pw\", \"port\": 22}");
        Files.writeString(secrets.resolve("lab.properties"), "username=lab\npassword=Prop-Pw\n");
        Files.writeString(secrets.resolve("notes.txt"), "x");
        Files.writeString(root.resolve("outside.json"), "{\"password\": \"Outside-Pw\"}");
        Files.createSymbolicLink(secrets.resolve("escape.json"), root.resolve("outside.json"));
        provider = new FileProvider();
        provider.configure(PluginConfig.of(Map.of("np.credentials.file.dir", secrets.toString())));
    }

    private Map<String, String> read(String ref) {
        return provider.read(CredentialRef.from(Map.of("name", "file", "ref", ref))).toCompletableFuture().join();
    }

    private String error(String ref) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> read(ref));
        return assertInstanceOf(CredentialException.class, e instanceof CompletionException ? e.getCause() : e).getMessage();
    }

    @Test
    void aDirectoryHoldsOneFilePerKey() {
        assertEquals(Map.of("username", "admin", "password", "K8s-Pw"), read("core1"));
    }

    @Test
    void jsonAndPropertiesFiles() {
        assertEquals(Map.of("username", "edge", "password", "Json-Pw", "port", "22"), read("edge.json"));
        assertEquals(Map.of("username", "lab", "password", "Prop-Pw"), read("lab.properties"));
    }

    @Test
    void pathsOutsideTheDirectoryAreRefused() {
        assertTrue(error("../outside.json").contains("without '..'"));
        assertTrue(error(root.resolve("outside.json").toString()).contains("not absolute"));
        assertTrue(error("escape.json").contains("leads outside the secrets directory"));
        assertTrue(error("absent").contains("no secret file or directory 'absent'"));
        assertTrue(error("notes.txt").contains("neither .json nor .properties"));
    }

    @Test
    void vaultFieldsAreRefused() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> provider.read(CredentialRef.from(
                Map.of("name", "file", "ref", "core1", "version", 2))));
        assertTrue(e.getMessage().contains("for Vault"), e.getMessage());
    }
}
