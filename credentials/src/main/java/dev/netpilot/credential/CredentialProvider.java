package dev.netpilot.credential;

import dev.netpilot.job.CredentialRef;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Where a job's login secrets come from ({@code credential.name}), found by {@link java.util.ServiceLoader}
 * like every plugin. A provider may implement {@link dev.netpilot.plugin.Configurable} to read its settings.
 * Implementations are thread-safe and non-blocking: {@link #read} returns at once.
 */
public interface CredentialProvider {

    /** The name requests use in {@code credential.name}. */
    String name();

    /** Further names for the same provider (e.g. NetPulse's {@code vault_kv}). */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * Reads the secret {@code ref} names: secret key to value. The stage fails with a {@link CredentialException}
     * whose message says what to fix and never contains a secret value.
     */
    CompletionStage<Map<String, String>> read(CredentialRef ref);
}
