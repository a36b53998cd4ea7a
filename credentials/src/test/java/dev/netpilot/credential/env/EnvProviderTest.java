package dev.netpilot.credential.env;

import dev.netpilot.credential.CredentialException;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.plugin.PluginConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets from environment variables under a prefix. */
class EnvProviderTest {

    private static final Map<String, String> ENV = Map.of("NP_CREDENTIAL_CORE1_USERNAME", "admin",
            "NP_CREDENTIAL_CORE1_PASSWORD", "Env-Pw", "NP_CREDENTIAL_CORE10_PASSWORD", "other",
            "AWS_SECRET_ACCESS_KEY", "aws", "LAB_EDGE_PASSWORD", "lab");

    private static Map<String, String> read(EnvProvider provider, String ref) {
        return provider.read(CredentialRef.from(Map.of("name", "env", "ref", ref))).toCompletableFuture().join();
    }

    @Test
    void variablesUnderThePrefixAndRef() {
        EnvProvider provider = new EnvProvider(ENV);
        provider.configure(PluginConfig.of(Map.of()));
        assertEquals(Map.of("username", "admin", "password", "Env-Pw"), read(provider, "core1"));
    }

    @Test
    void thePrefixIsASettingAndNothingElseIsReadable() {
        EnvProvider provider = new EnvProvider(ENV);
        provider.configure(PluginConfig.of(Map.of("np.credentials.env.prefix", "LAB_")));
        assertEquals(Map.of("password", "lab"), read(provider, "edge"));
        assertTrue(assertThrows(CredentialException.class, () -> read(provider, "aws")).getMessage()
                .contains("no environment variable of the executor starts with LAB_AWS_"));
        assertTrue(assertThrows(CredentialException.class, () -> read(provider, "../x")).getMessage()
                .contains("letters, digits and '_'"));
    }
}
