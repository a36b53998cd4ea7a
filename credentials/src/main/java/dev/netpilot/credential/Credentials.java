package dev.netpilot.credential;

import dev.netpilot.job.CredentialRef;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.plugin.Plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Fills a job's login fields from its {@code credential}: picks the provider (the request's, or
 * {@value #DEFAULT_PROVIDER_PROPERTY}), reads the secret and lays the mapped keys over {@code connection_args}
 * (NetPulse's rule: the secret wins). The result lives only in memory for the job's login.
 */
public final class Credentials {

    /** The provider used when a request names none (default {@value #DEFAULT_PROVIDER}). */
    public static final String DEFAULT_PROVIDER_PROPERTY = "np.credentials.default-provider";
    public static final String DEFAULT_PROVIDER = "vault";

    private final Plugins<CredentialProvider> providers;
    private final String defaultProvider;

    public Credentials(PluginLoader loader) {
        this.providers = loader.plugins(CredentialProvider.class, "credential provider", CredentialProvider::name,
                CredentialProvider::aliases);
        this.defaultProvider = loader.config().get(DEFAULT_PROVIDER_PROPERTY, DEFAULT_PROVIDER);
    }

    /** Every provider name (aliases included), sorted. */
    public Set<String> names() {
        return providers.names();
    }

    /** {@code connectionArgs} with the secret's values laid over them; fails with a {@link CredentialException}. */
    public CompletionStage<Map<String, Object>> apply(CredentialRef ref, Map<String, Object> connectionArgs) {
        String name = ref.name() != null ? ref.name() : defaultProvider;
        CredentialProvider provider = providers.find(name).orElse(null);
        if (provider == null) {
            return CompletableFuture.failedFuture(new CredentialException("credential provider '" + name
                    + "' does not exist on this executor; the providers are: " + String.join(", ", providers.names())));
        }
        CompletionStage<Map<String, String>> secret;
        try {
            secret = provider.read(ref);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return secret.thenApply(values -> merge(ref, name, values, connectionArgs));
    }

    private static Map<String, Object> merge(CredentialRef ref, String provider, Map<String, String> secret,
                                             Map<String, Object> connectionArgs) {
        Map<String, Object> args = new LinkedHashMap<>(connectionArgs);
        List<String> missing = new ArrayList<>();
        ref.mappingOrDefault().forEach((field, key) -> {
            String value = secret.get(key);
            if (value == null) {
                missing.add(key);
            } else {
                args.put(field, value);
            }
        });
        if (!missing.isEmpty()) {
            throw new CredentialException("the " + provider + " secret '" + ref.ref() + "' has no key "
                    + String.join(", ", missing) + " (its keys: " + String.join(", ", new java.util.TreeSet<>(secret.keySet()))
                    + "); fix credential.field_mapping or the secret");
        }
        if (ref.fieldMapping() == null) {
            for (String key : CredentialRef.OPTIONAL_DEFAULT_KEYS) {
                if (secret.get(key) != null) {
                    args.put(key, secret.get(key));
                }
            }
        }
        return args;
    }
}
