package dev.netpilot.credential;

import dev.netpilot.job.CredentialRef;
import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.simulator.vault.VaultSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credentials through the plugin loader: provider choice, field mapping, and errors that name no secret. */
class CredentialsTest {

    private static final String PASSWORD = "Vault-Pw-51c7";

    @TempDir
    Path dir;
    private VaultSimulator vault;

    @BeforeEach
    void startVault() throws IOException {
        vault = VaultSimulator.start();
        vault.token("root-token", List.of("kv"));
        vault.put(null, "kv", "net/core1", Map.of("username", "admin", "password", PASSWORD, "secret", "En-1",
                "user", "ops", "pass", "Ops-Pw"));
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    private Credentials credentials(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("np.credentials.vault.address", vault.address(),
                "np.credentials.vault.token", "root-token", "np.credentials.file.dir", dir.toString()));
        config.putAll(extra);
        return new Credentials(PluginLoader.of(Optional.empty(), PluginConfig.of(config)));
    }

    private static CredentialRef ref(Map<String, Object> wire) {
        return CredentialRef.from(wire);
    }

    private static Map<String, Object> apply(Credentials credentials, CredentialRef ref) {
        return credentials.apply(ref, Map.of("host", "10.0.0.1", "username", "ignored", "device_type", "cisco_ios"))
                .toCompletableFuture().join();
    }

    private static CredentialException failure(Credentials credentials, CredentialRef ref) {
        CompletionException e = assertThrows(CompletionException.class, () -> apply(credentials, ref));
        CredentialException cause = assertInstanceOf(CredentialException.class, e.getCause());
        assertFalse(cause.getMessage().contains(PASSWORD), cause.getMessage());
        return cause;
    }

    @Test
    void theBuiltInsAreFoundByNameAndAlias() {
        assertEquals(List.of("env", "file", "vault", "vault_kv"), List.copyOf(credentials(Map.of()).names()));
    }

    @Test
    void theDefaultMappingFillsUsernamePasswordAndTheOptionalSecret() {
        Map<String, Object> args = apply(credentials(Map.of()), ref(Map.of("name", "vault_kv", "ref", "net/core1")));
        assertEquals("admin", args.get("username"), "the secret wins over connection_args");
        assertEquals(PASSWORD, args.get("password"));
        assertEquals("En-1", args.get("secret"));
        assertEquals("10.0.0.1", args.get("host"));
        assertFalse(args.containsKey("user"));
    }

    @Test
    void aFieldMappingPicksOtherKeysAndTheDefaultProviderIsVault() {
        Map<String, Object> args = apply(credentials(Map.of()), ref(Map.of("ref", "net/core1",
                "field_mapping", Map.of("username", "user", "password", "pass"))));
        assertEquals("ops", args.get("username"));
        assertEquals("Ops-Pw", args.get("password"));
        assertFalse(args.containsKey("secret"), "optional keys come with the default mapping only");
    }

    @Test
    void missingKeysAreNamedWithoutValues() {
        CredentialException e = failure(credentials(Map.of()), ref(Map.of("ref", "net/core1",
                "field_mapping", Map.of("password", "enable_password"))));
        assertTrue(e.getMessage().contains("has no key enable_password"), e.getMessage());
        assertTrue(e.getMessage().contains("field_mapping"), e.getMessage());
    }

    @Test
    void anUnknownProviderListsTheProviders() {
        CredentialException e = failure(credentials(Map.of()), ref(Map.of("name", "cyberark", "ref", "x")));
        assertEquals("credential provider 'cyberark' does not exist on this executor; the providers are: "
                + "env, file, vault, vault_kv", e.getMessage());
    }

    @Test
    void theDefaultProviderIsASetting() throws IOException {
        Files.createDirectories(dir.resolve("core1"));
        Files.writeString(dir.resolve("core1/username"), "filer\n");
        Files.writeString(dir.resolve("core1/password"), "File-Pw\n");
        Map<String, Object> args = apply(credentials(Map.of("np.credentials.default-provider", "file")),
                ref(Map.of("ref", "core1")));
        assertEquals("filer", args.get("username"));
        assertEquals("File-Pw", args.get("password"));
    }

    @Test
    void theWireObjectIsChecked() {
        assertEquals("ref", assertThrows(CredentialRef.InvalidException.class,
                () -> ref(Map.of("name", "vault"))).field());
        assertEquals("path", assertThrows(CredentialRef.InvalidException.class,
                () -> ref(Map.of("ref", "a", "path", "b"))).field());
        assertEquals("version", assertThrows(CredentialRef.InvalidException.class,
                () -> ref(Map.of("ref", "a", "version", 0))).field());
        assertEquals("field_mapping", assertThrows(CredentialRef.InvalidException.class,
                () -> ref(Map.of("ref", "a", "field_mapping", Map.of("host", "h")))).field());
        assertEquals("field_mapping", assertThrows(CredentialRef.InvalidException.class,
                () -> ref(Map.of("ref", "a", "field_mapping", Map.of("password", 3)))).field());
        assertEquals("field_mapping", assertThrows(CredentialRef.InvalidException.class,
                () -> ref(Map.of("ref", "a", "field_mapping", Map.of("conn_timeout", "t")))).field());
    }
}
