package dev.netpilot.credential.env;

import dev.netpilot.credential.CredentialException;
import dev.netpilot.credential.CredentialProvider;
import dev.netpilot.credential.file.FileProvider;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.plugin.Configurable;
import dev.netpilot.plugin.PluginConfig;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Secrets in the executor's environment. Only variables that start with the prefix
 * ({@code np.credentials.env.prefix}, default {@value #DEFAULT_PREFIX}) can be read, so a request cannot read
 * unrelated variables. {@code ref: "core1"} reads every {@code NP_CREDENTIAL_CORE1_<KEY>} as key {@code <key>} in
 * lower case: {@code NP_CREDENTIAL_CORE1_USERNAME} and {@code NP_CREDENTIAL_CORE1_PASSWORD} give
 * {@code username} and {@code password}.
 */
public final class EnvProvider implements CredentialProvider, Configurable {

    static final String PREFIX_PROPERTY = "np.credentials.env.prefix";
    static final String DEFAULT_PREFIX = "NP_CREDENTIAL_";

    private final Map<String, String> environment;
    private String prefix = DEFAULT_PREFIX;

    public EnvProvider() {
        this(System.getenv());
    }

    EnvProvider(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "env";
    }

    @Override
    public void configure(PluginConfig config) {
        prefix = config.get(PREFIX_PROPERTY, DEFAULT_PREFIX);
    }

    @Override
    public CompletionStage<Map<String, String>> read(CredentialRef ref) {
        FileProvider.onlyRef(ref, "env");
        if (!ref.ref().matches("[A-Za-z0-9_]+")) {
            throw new CredentialException("credential.ref '" + ref.ref() + "' must be letters, digits and '_' "
                    + "(the middle part of " + prefix + "<REF>_<KEY>)");
        }
        String start = prefix + ref.ref().toUpperCase(Locale.ROOT) + "_";
        Map<String, String> values = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(start) && name.length() > start.length()) {
                values.put(name.substring(start.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        if (values.isEmpty()) {
            throw new CredentialException("no environment variable of the executor starts with " + start);
        }
        return CompletableFuture.completedFuture(values);
    }
}
