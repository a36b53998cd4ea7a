package dev.netpilot.api.auth;

import dev.netpilot.api.ApiConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys: the NetPulse-style single key {@code np.api.key} (named {@value #DEFAULT_NAME}, every
 * scope) and the named keys {@code np.api.keys."<name>"}. Built at startup, so that a configuration without any key,
 * with an empty key, an unknown scope or two keys sharing a value stops the service with a message saying what to fix.
 * Only SHA-256 digests of the values are kept.
 */
@Startup
@ApplicationScoped
public class ApiKeys {

    /** The name under which the single {@code np.api.key} is recorded as a job's owner. */
    public static final String DEFAULT_NAME = "default";

    private final List<KnownKey> keys;

    @Inject
    public ApiKeys(ApiConfig config) {
        this(config.key(), config.keys());
    }

    ApiKeys(Optional<String> singleKey, Map<String, ApiConfig.NamedKey> namedKeys) {
        this.keys = build(singleKey, namedKeys);
    }

    /**
     * The caller who owns {@code presented}, or empty. Every configured key is compared, in constant time over
     * fixed-length digests, so that neither the position of a match nor the length of a key shows in the timing.
     */
    public Optional<Caller> identify(String presented) {
        byte[] digest = sha256(presented);
        KnownKey match = null;
        for (KnownKey key : keys) {
            if (MessageDigest.isEqual(key.digest, digest)) {
                match = key;
            }
        }
        return match == null ? Optional.empty() : Optional.of(match.caller);
    }

    private static List<KnownKey> build(Optional<String> singleKey, Map<String, ApiConfig.NamedKey> namedKeys) {
        List<KnownKey> known = new ArrayList<>();
        singleKey.ifPresent(value -> known.add(new KnownKey(
                new Caller(DEFAULT_NAME, EnumSet.allOf(Scope.class)), digest("np.api.key", value))));
        namedKeys.forEach((name, key) -> {
            if (name.equals(DEFAULT_NAME) && singleKey.isPresent()) {
                throw misconfigured("np.api.keys.\"" + DEFAULT_NAME + "\" clashes with np.api.key, which is "
                        + "recorded under that name; rename the named key");
            }
            known.add(new KnownKey(new Caller(name, scopes(name, key.scopes())),
                    digest("np.api.keys.\"" + name + "\".key", key.key())));
        });
        if (known.isEmpty()) {
            throw misconfigured("no API key is configured: set np.api.key (environment NP_API_KEY) for one key with "
                    + "every scope, or named keys np.api.keys.\"<name>\".key with np.api.keys.\"<name>\".scopes");
        }
        for (int i = 0; i < known.size(); i++) {
            for (int j = i + 1; j < known.size(); j++) {
                if (MessageDigest.isEqual(known.get(i).digest, known.get(j).digest)) {
                    throw misconfigured("the API keys '" + known.get(i).caller.name() + "' and '"
                            + known.get(j).caller.name() + "' have the same value; give each key its own value");
                }
            }
        }
        return List.copyOf(known);
    }

    private static Set<Scope> scopes(String name, Collection<String> names) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String scope : names) {
            try {
                scopes.add(Scope.fromWire(scope.trim()));
            } catch (IllegalArgumentException e) {
                throw misconfigured("np.api.keys.\"" + name + "\".scopes: " + e.getMessage());
            }
        }
        if (scopes.isEmpty()) {
            throw misconfigured("np.api.keys.\"" + name + "\".scopes is empty; give at least one of "
                    + Scope.allNames());
        }
        return scopes;
    }

    private static byte[] digest(String property, String value) {
        if (value == null || value.isBlank()) {
            throw misconfigured(property + " is empty; give the key a value");
        }
        return sha256(value);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalStateException misconfigured(String message) {
        return new IllegalStateException("API key configuration: " + message);
    }

    private record KnownKey(Caller caller, byte[] digest) {
    }
}
