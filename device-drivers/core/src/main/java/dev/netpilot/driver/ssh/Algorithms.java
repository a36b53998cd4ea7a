package dev.netpilot.driver.ssh;

import dev.netpilot.driver.DriverException.InvalidArgumentException;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SSH algorithms of one connection: the client's modern defaults, plus the ones a request opts into
 * ({@code connection_args.algorithms}, e.g. {@code {"kex": ["diffie-hellman-group1-sha1"], "ciphers": ["3des-cbc"]}}
 * for an old device), minus the ones it disables ({@code disabled_algorithms}, paramiko's shape). Opted-in
 * algorithms come last, so a device that speaks a modern one still gets it. Applied to one session before its key
 * exchange starts; other sessions keep the defaults.
 *
 * @param enabled  per category, algorithms to add after the defaults
 * @param disabled per category, algorithms to remove
 */
public record Algorithms(Map<Category, List<String>> enabled, Map<Category, List<String>> disabled) {

    /** The defaults, unchanged. */
    public static final Algorithms DEFAULT = new Algorithms(Map.of(), Map.of());

    /** An algorithm list that a request can change; {@code keys} are the host-key and public-key signatures. */
    public enum Category {
        KEX("kex", "key exchange"),
        CIPHERS("ciphers", "cipher"),
        MACS("macs", "MAC"),
        KEYS("keys", "host key");

        final String argName;
        final String description;

        Category(String argName, String description) {
            this.argName = argName;
            this.description = description;
        }

        /** What this client supports, in MINA's order. */
        List<String> supported() {
            return switch (this) {
                case KEX -> names(BuiltinDHFactories.VALUES.stream().filter(f -> f.isSupported()).toList());
                case CIPHERS -> names(BuiltinCiphers.VALUES.stream()
                        .filter(f -> f.isSupported() && f != BuiltinCiphers.none).toList());
                case MACS -> names(BuiltinMacs.VALUES.stream().filter(f -> f.isSupported()).toList());
                case KEYS -> names(BuiltinSignatures.VALUES.stream().filter(f -> f.isSupported()).toList());
            };
        }

        /** What a session proposes when the request changes nothing. */
        List<String> defaults() {
            return switch (this) {
                case KEX -> names(DEFAULTS.getKeyExchangeFactories());
                case CIPHERS -> names(DEFAULTS.getCipherFactories());
                case MACS -> names(DEFAULTS.getMacFactories());
                case KEYS -> names(DEFAULTS.getSignatureFactories());
            };
        }

        /** The proposal options of this category in a key exchange (both directions for ciphers and MACs). */
        List<KexProposalOption> proposals() {
            return switch (this) {
                case KEX -> List.of(KexProposalOption.ALGORITHMS);
                case CIPHERS -> List.of(KexProposalOption.C2SENC, KexProposalOption.S2CENC);
                case MACS -> List.of(KexProposalOption.C2SMAC, KexProposalOption.S2CMAC);
                case KEYS -> List.of(KexProposalOption.SERVERKEYS);
            };
        }

        private static List<String> names(Collection<? extends NamedResource> factories) {
            return factories.stream().map(NamedResource::getName).toList();
        }
    }

    /** An unstarted client, only read for its default algorithm lists. */
    private static final SshClient DEFAULTS = SshClient.setUpDefaultClient();

    /** Reads {@code algorithms} (opt-in) and {@code disabled_algorithms} (opt-out) from {@code connection_args}. */
    static Algorithms from(Object algorithms, Object disabledAlgorithms) {
        if (algorithms == null && disabledAlgorithms == null) {
            return DEFAULT;
        }
        Map<Category, List<String>> enabled = read("algorithms", algorithms);
        Map<Category, List<String>> disabled = read("disabled_algorithms", disabledAlgorithms);
        Algorithms result = new Algorithms(Map.copyOf(enabled), Map.copyOf(disabled));
        for (Category category : Category.values()) {
            if (result.names(category).isEmpty()) {
                throw new InvalidArgumentException("connection_args.disabled_algorithms." + category.argName
                        + " disables every " + category.description + " algorithm; leave at least one of "
                        + category.defaults());
            }
        }
        return result;
    }

    /** Whether the request changes nothing. */
    public boolean isDefault() {
        return enabled.isEmpty() && disabled.isEmpty();
    }

    /** The algorithms of {@code category} this connection proposes, in order. */
    public List<String> names(Category category) {
        Set<String> names = new LinkedHashSet<>(category.defaults());
        names.addAll(enabled.getOrDefault(category, List.of()));
        names.removeAll(disabled.getOrDefault(category, List.of()));
        return List.copyOf(names);
    }

    /** Sets this connection's algorithm lists on {@code session}; call before its key exchange starts. */
    void applyTo(ClientSession session) {
        if (isDefault()) {
            return;
        }
        session.setKeyExchangeFactories(names(Category.KEX).stream()
                .map(name -> ClientBuilder.DH2KEX.apply(BuiltinDHFactories.fromFactoryName(name))).toList());
        session.setCipherFactories(new ArrayList<>(names(Category.CIPHERS).stream()
                .map(BuiltinCiphers::fromFactoryName).toList()));
        session.setMacFactories(new ArrayList<>(names(Category.MACS).stream()
                .map(BuiltinMacs::fromFactoryName).toList()));
        session.setSignatureFactories(new ArrayList<>(names(Category.KEYS).stream()
                .map(BuiltinSignatures::fromFactoryName).toList()));
    }

    private static Map<Category, List<String>> read(String argName, Object value) {
        Map<Category, List<String>> result = new EnumMap<>(Category.class);
        if (value == null) {
            return result;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidArgumentException("connection_args." + argName + " must be an object like "
                    + "{\"kex\": [...], \"ciphers\": [...], \"macs\": [...], \"keys\": [...]}");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey()).toLowerCase(Locale.ROOT);
            Category category = switch (key) {
                case "kex" -> Category.KEX;
                case "ciphers" -> Category.CIPHERS;
                case "macs" -> Category.MACS;
                case "keys", "pubkeys" -> Category.KEYS;
                default -> throw new InvalidArgumentException("connection_args." + argName + "." + key
                        + " is not an algorithm list: use kex, ciphers, macs or keys (pubkeys)");
            };
            List<String> names = new ArrayList<>(result.getOrDefault(category, List.of()));
            for (String name : list(entry.getValue())) {
                if (!category.supported().contains(name)) {
                    throw new InvalidArgumentException("connection_args." + argName + "." + key + ": unknown "
                            + category.description + " algorithm '" + name + "'; supported: "
                            + String.join(", ", category.supported()));
                }
                names.add(name);
            }
            result.put(category, List.copyOf(names));
        }
        return result;
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(item -> String.valueOf(item).trim()).filter(s -> !s.isEmpty()).toList();
        }
        return List.of(value.toString().split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
