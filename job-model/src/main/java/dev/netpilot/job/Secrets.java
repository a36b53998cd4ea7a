package dev.netpilot.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masks secrets in what leaves the executor (webhook payloads, audit entries): the value of every key that names a
 * secret ({@code password}, {@code secret}, {@code token}, ...) at any depth, and, in every string, the secret values
 * of the job's own {@code connection_args} (a device that echoes its password does not leak it further).
 */
public final class Secrets {

    /** What a masked value becomes. */
    public static final String MASK = "******";
    /** Shorter values are not masked inside text: they cannot be told from ordinary words. */
    private static final int MIN_SCRUBBED_LENGTH = 4;
    private static final Set<String> SECRET_KEYS = Set.of("password", "secret", "sudo_password", "passphrase",
            "pkey", "key_file", "private_key", "proxy_password", "proxy_pkey", "token", "api_key", "apikey",
            "authorization", "auth", "cookie", "cookies", "credential", "credentials", "enable_password",
            "enable_secret");

    private Secrets() {
    }

    /** Whether a key (case-insensitive; {@code -} and {@code _} alike) names a secret. */
    public static boolean isSecretKey(String key) {
        String normal = key.toLowerCase(Locale.ROOT).replace('-', '_');
        return SECRET_KEYS.contains(normal) || normal.endsWith("_password") || normal.endsWith("_secret")
                || normal.endsWith("_token");
    }

    /** The string values of {@code connectionArgs} under secret keys: what {@link #mask} scrubs from text. */
    public static List<String> valuesIn(Map<String, Object> connectionArgs) {
        List<String> values = new ArrayList<>();
        if (connectionArgs != null) {
            connectionArgs.forEach((key, value) -> {
                if (isSecretKey(key) && value instanceof String text && text.length() >= MIN_SCRUBBED_LENGTH) {
                    values.add(text);
                }
            });
        }
        values.sort(Comparator.comparingInt(String::length).reversed()); // a longer secret containing a shorter one
        return values;
    }

    /** {@code value} as a JSON tree with secret keys masked and {@code secretValues} replaced in every string. */
    public static JsonNode mask(Object value, List<String> secretValues) {
        JsonNode tree = JobJson.mapper().valueToTree(value);
        return tree == null ? null : maskNode(tree, secretValues);
    }

    private static JsonNode maskNode(JsonNode node, List<String> secretValues) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isSecretKey(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    field.setValue(maskNode(field.getValue(), secretValues));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, maskNode(array.get(i), secretValues));
            }
            return array;
        }
        if (node.isTextual() && !secretValues.isEmpty()) {
            return TextNode.valueOf(scrub(node.textValue(), secretValues));
        }
        return node;
    }

    /** {@code text} with every occurrence of the secret values replaced by {@link #MASK}. */
    public static String scrub(String text, List<String> secretValues) {
        String result = text;
        for (String secret : secretValues) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }
}
