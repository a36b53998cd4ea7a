package dev.netpilot.credential.vault;

import dev.netpilot.credential.CredentialException;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.simulator.vault.VaultSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vault KV v2 provider against a Vault HTTP API double: tokens, AppRole, versions, namespaces, errors. */
class VaultKvProviderTest {

    private VaultSimulator vault;

    @BeforeEach
    void start() throws IOException {
        vault = VaultSimulator.start();
        vault.token("t-ops", List.of("kv/netpilot"));
        vault.appRole("role-1", "secret-1", List.of("kv/netpilot"), 3600);
        vault.put(null, "kv", "netpilot/core1", Map.of("username", "admin", "password", "v1-pw"));
        vault.put(null, "kv", "netpilot/core1", Map.of("username", "admin", "password", "v2-pw"));
        vault.put(null, "kv", "other/x", Map.of("password", "nope"));
        vault.put("team-a", "kv", "netpilot/core1", Map.of("username", "team", "password", "ns-pw"));
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    private VaultKvProvider provider(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(Map.of("np.credentials.vault.address", vault.address()));
        config.putAll(settings);
        VaultKvProvider provider = new VaultKvProvider();
        provider.configure(PluginConfig.of(config));
        return provider;
    }

    private static Map<String, String> read(VaultKvProvider provider, Map<String, Object> ref) {
        return provider.read(CredentialRef.from(ref)).toCompletableFuture().join();
    }

    private static String error(VaultKvProvider provider, Map<String, Object> ref) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> read(provider, ref));
        Throwable cause = e instanceof CompletionException ? e.getCause() : e;
        return assertInstanceOf(CredentialException.class, cause).getMessage();
    }

    @Test
    void aTokenReadsTheLatestVersionOrAGivenOne() {
        VaultKvProvider provider = provider(Map.of("np.credentials.vault.token", "t-ops"));
        assertEquals("v2-pw", read(provider, Map.of("ref", "netpilot/core1")).get("password"));
        assertEquals("v1-pw", read(provider, Map.of("ref", "netpilot/core1", "version", 1)).get("password"));
        assertTrue(vault.requests().contains("GET /v1/kv/data/netpilot/core1 ns= token=yes"), vault.requests()::toString);
        assertTrue(vault.requests().contains("GET /v1/kv/data/netpilot/core1?version=1 ns= token=yes"));
    }

    @Test
    void theNamespaceHeaderComesFromTheRequestOrTheSettings() {
        assertEquals("ns-pw", read(provider(Map.of("np.credentials.vault.token", "t-ops")),
                Map.of("ref", "netpilot/core1", "namespace", "team-a")).get("password"));
        assertEquals("ns-pw", read(provider(Map.of("np.credentials.vault.token", "t-ops",
                "np.credentials.vault.namespace", "team-a")), Map.of("ref", "netpilot/core1")).get("password"));
        assertTrue(vault.requests().contains("GET /v1/kv/data/netpilot/core1 ns=team-a token=yes"));
    }

    @Test
    void appRoleLogsInOnceAndAgainWhenItsTokenIsRefused() {
        VaultKvProvider provider = provider(Map.of("np.credentials.vault.approle.role-id", "role-1",
                "np.credentials.vault.approle.secret-id", "secret-1", "np.credentials.vault.cache-ttl", "0"));
        assertEquals("v2-pw", read(provider, Map.of("ref", "netpilot/core1")).get("password"));
        assertEquals("v1-pw", read(provider, Map.of("ref", "netpilot/core1", "version", 1)).get("password"));
        assertEquals(1, vault.requests().stream().filter(r -> r.startsWith("POST /v1/auth/approle/login")).count());

        vault.revoke(vault.issuedTokens().get(0));
        assertEquals("v2-pw", read(provider, Map.of("ref", "netpilot/core1")).get("password"));
        assertEquals(2, vault.requests().stream().filter(r -> r.startsWith("POST /v1/auth/approle/login")).count());
    }

    @Test
    void aBadAppRoleLoginSaysWhatToCheck() {
        String message = error(provider(Map.of("np.credentials.vault.approle.role-id", "role-1",
                "np.credentials.vault.approle.secret-id", "wrong")), Map.of("ref", "netpilot/core1"));
        assertTrue(message.contains("refused the AppRole login (400 invalid role or secret ID)"), message);
        assertFalse(message.contains("wrong"), message);
    }

    @Test
    void forbiddenMissingAndNotAllowedPathsAreClearErrors() {
        VaultKvProvider provider = provider(Map.of("np.credentials.vault.token", "t-ops"));
        assertTrue(error(provider, Map.of("ref", "other/x")).startsWith(
                "Vault token lacks permission to read path 'kv/other/x' (403 "), "403");
        assertTrue(error(provider, Map.of("ref", "netpilot/absent")).startsWith(
                "secret not found at Vault path 'kv/netpilot/absent' (404)"));
        assertTrue(error(provider, Map.of("ref", "netpilot/core1", "version", 7)).contains("version 7 (404)"));
        assertTrue(error(provider(Map.of("np.credentials.vault.token", "unknown")), Map.of("ref", "netpilot/core1"))
                .contains("403"));

        VaultKvProvider limited = provider(Map.of("np.credentials.vault.token", "t-ops",
                "np.credentials.vault.allowed-paths", "kv/netpilot/core"));
        assertEquals("access to Vault path 'kv/netpilot/core1' is not allowed by np.credentials.vault.allowed-paths "
                + "(kv/netpilot/core)", error(limited, Map.of("ref", "netpilot/core1")), "whole segments only");
        assertTrue(error(limited, Map.of("ref", "netpilot/core/../../other/x")).contains("is not a Vault path"));
        int before = vault.requests().size();
        error(limited, Map.of("ref", "other/x"));
        assertEquals(before, vault.requests().size(), "a path outside the allow-list never reaches Vault");
    }

    @Test
    void withoutAddressOrTokenTheSettingIsNamed() {
        VaultKvProvider unconfigured = new VaultKvProvider();
        unconfigured.configure(PluginConfig.of(Map.of()));
        assertTrue(error(unconfigured, Map.of("ref", "a")).contains("np.credentials.vault.address"));
        assertTrue(error(provider(Map.of()), Map.of("ref", "a")).contains("np.credentials.vault.token"));
    }

    @Test
    void readsAreCachedBrieflyInMemory() {
        VaultKvProvider provider = provider(Map.of("np.credentials.vault.token", "t-ops",
                "np.credentials.vault.cache-ttl", "1h"));
        List<CompletableFuture<Map<String, String>>> reads = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reads.add(provider.read(CredentialRef.from(Map.of("ref", "netpilot/core1"))).toCompletableFuture());
        }
        reads.forEach(read -> assertEquals("v2-pw", read.join().get("password")));
        assertEquals(1, vault.requests().size(), vault.requests()::toString);

        VaultKvProvider uncached = provider(Map.of("np.credentials.vault.token", "t-ops",
                "np.credentials.vault.cache-ttl", "0"));
        read(uncached, Map.of("ref", "netpilot/core1"));
        read(uncached, Map.of("ref", "netpilot/core1"));
        assertEquals(3, vault.requests().size());
    }

    @Test
    void anUnreachableVaultIsAClearError() {
        VaultKvProvider provider = provider(Map.of("np.credentials.vault.token", "t-ops"));
        vault.close();
        assertTrue(error(provider, Map.of("ref", "netpilot/core1")).startsWith("cannot reach Vault at "));
    }
}
