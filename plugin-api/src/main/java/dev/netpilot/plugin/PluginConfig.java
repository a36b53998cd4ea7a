package dev.netpilot.plugin;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The application's settings as a plugin sees them, by property name ({@code np.credentials.vault.address}).
 * The services back it with their own configuration (application.properties, environment); plain Java uses
 * {@link #system()}. Read-only.
 */
@FunctionalInterface
public interface PluginConfig {

    /** The value of {@code key}, or empty when it is not set. */
    Optional<String> get(String key);

    /** The value of {@code key}, or {@code fallback}. */
    default String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** A comma-separated list (blank entries dropped), empty when not set. */
    default List<String> list(String key) {
        return get(key).map(value -> Arrays.stream(value.split(",")).map(String::trim)
                .filter(item -> !item.isEmpty()).toList()).orElse(List.of());
    }

    /**
     * A duration: {@code 30s}, {@code 5m}, {@code 250ms}, {@code 1h}, a number of seconds, or ISO-8601
     * ({@code PT30S}).
     *
     * @throws IllegalArgumentException naming the key when the value is not a duration
     */
    default Duration duration(String key, Duration fallback) {
        Optional<String> value = get(key).map(String::trim).filter(text -> !text.isEmpty());
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("pt")) {
                return Duration.parse(text);
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long number = Long.parseLong(text.replaceAll("[smh]$", ""));
            return switch (text.charAt(text.length() - 1)) {
                case 'm' -> Duration.ofMinutes(number);
                case 'h' -> Duration.ofHours(number);
                default -> Duration.ofSeconds(number);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 30s, 5m or 250ms, got '"
                    + value.get() + "'");
        }
    }

    /** System properties first, then environment variables named after the key ({@link #envName}). */
    static PluginConfig system() {
        return key -> Optional.ofNullable(System.getProperty(key)).or(() -> Optional.ofNullable(System.getenv(envName(key))));
    }

    /** Fixed settings, e.g. in tests. */
    static PluginConfig of(Map<String, String> settings) {
        return key -> Optional.ofNullable(settings.get(key));
    }

    /** The environment variable of a property, as MicroProfile Config maps it: {@code np.plugins.dir -> NP_PLUGINS_DIR}. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
