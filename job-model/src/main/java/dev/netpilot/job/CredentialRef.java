package dev.netpilot.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's {@code credential} object (NetPulse's {@code CredentialRef}): which secret fills the login fields
 * of {@code connection_args}. It names the secret, never holds it; the executor reads the secret just before the
 * job runs, so the values never reach Redis.
 *
 * @param name         the credential provider ({@code vault}, {@code vault_kv}, {@code file}, {@code env} or a
 *                     plugin), or null for the executor's default
 * @param ref          the secret's path (Vault path inside the mount, file or directory, environment name)
 * @param mount        Vault's KV v2 mount, or null for {@value #DEFAULT_MOUNT}
 * @param version      the Vault secret version (1 or more), or null for the latest
 * @param namespace    the Vault namespace, or null for the configured one
 * @param fieldMapping {@code connection_args} field to secret key, or null for {@link #DEFAULT_MAPPING}
 */
public record CredentialRef(String name, String ref, String mount, Integer version, String namespace,
                            Map<String, String> fieldMapping) {

    /** The Vault mount used when the request names none (NetPulse's default). */
    public static final String DEFAULT_MOUNT = "kv";
    /** The mapping used when the request gives none; {@code pkey} and {@code secret} are also copied if present. */
    public static final Map<String, String> DEFAULT_MAPPING = Map.of("username", "username", "password", "password");
    /** The secret keys copied under their own name, when present, with the default mapping. */
    public static final List<String> OPTIONAL_DEFAULT_KEYS = List.of("pkey", "secret");

    private static final List<String> FIELDS = List.of("name", "ref", "mount", "version", "namespace", "field_mapping");

    /** A {@code credential} object that is not well-formed: {@link #field()} is the field to fix. */
    public static final class InvalidException extends IllegalArgumentException {
        private final String field;

        public InvalidException(String field, String message) {
            super("credential." + field + " " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Reads the wire object; an {@link InvalidException} names the first field that is wrong. */
    public static CredentialRef from(Map<String, Object> credential) {
        for (String key : credential.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new InvalidException(key, "is not a credential field; use " + String.join(", ", FIELDS));
            }
        }
        String ref = string(credential, "ref");
        if (ref == null || ref.isBlank()) {
            throw new InvalidException("ref", "is required: the secret's path, e.g. \"netpilot/core-1\"");
        }
        Object version = credential.get("version");
        if (version != null && !(version instanceof Integer || version instanceof Long) || version != null
                && ((Number) version).longValue() < 1) {
            throw new InvalidException("version", "must be a whole number of 1 or more (or null for the latest)");
        }
        return new CredentialRef(nonBlank(credential, "name"), ref, nonBlank(credential, "mount"),
                version == null ? null : ((Number) version).intValue(), nonBlank(credential, "namespace"),
                mapping(credential.get("field_mapping")));
    }

    /** The mapping in use: the request's, or the default. */
    public Map<String, String> mappingOrDefault() {
        return fieldMapping != null ? fieldMapping : DEFAULT_MAPPING;
    }

    /** The mount in use: the request's, or {@value #DEFAULT_MOUNT}. */
    public String mountOrDefault() {
        return mount != null ? mount : DEFAULT_MOUNT;
    }

    private static String string(Map<String, Object> credential, String key) {
        Object value = credential.get(key);
        if (value != null && !(value instanceof String)) {
            throw new InvalidException(key, "must be a string");
        }
        return (String) value;
    }

    private static String nonBlank(Map<String, Object> credential, String key) {
        String value = string(credential, key);
        if (value != null && value.isBlank()) {
            throw new InvalidException(key, "must not be empty; leave it out for the default");
        }
        return value;
    }

    private static Map<String, String> mapping(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new InvalidException("field_mapping", "must be a non-empty object of connection_args field to "
                    + "secret key, e.g. {\"username\": \"user\", \"password\": \"pass\"}");
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        map.forEach((field, key) -> {
            if (!(key instanceof String secretKey) || secretKey.isBlank() || field.toString().isBlank()) {
                throw new InvalidException("field_mapping", "maps connection_args fields to secret key names "
                        + "(strings); '" + field + "' does not");
            }
            String name = field.toString();
            if (List.of("host", "ip", "port", "device_type").contains(name) || name.contains("timeout")) {
                // where and how long to connect are not secrets, and their errors quote the value
                throw new InvalidException("field_mapping", "may fill login fields only, not '" + field + "'");
            }
            mapping.put(field.toString(), secretKey);
        });
        return java.util.Collections.unmodifiableMap(mapping);
    }
}
