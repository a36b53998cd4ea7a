package dev.netpilot.templates;

import java.util.Map;
import java.util.Set;

/** Reads the typed fields of a rendering or parsing object (as received in JSON) with messages naming them. */
final class SpecFields {

    private final Map<String, Object> fields;

    SpecFields(Map<String, Object> fields, Set<String> known, String what) {
        this.fields = fields == null ? Map.of() : fields;
        for (String key : this.fields.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidSpecException(key, "unknown field; " + what + " takes " + String.join(", ", known));
            }
        }
    }

    String string(String key) {
        Object value = fields.get(key);
        if (value != null && !(value instanceof String)) {
            throw new InvalidSpecException(key, "must be a string");
        }
        return (String) value;
    }

    boolean flag(String key) {
        Object value = fields.get(key);
        if (value != null && !(value instanceof Boolean)) {
            throw new InvalidSpecException(key, "must be true or false");
        }
        return Boolean.TRUE.equals(value);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String key) {
        Object value = fields.get(key);
        if (value != null && !(value instanceof Map)) {
            throw new InvalidSpecException(key, "must be an object");
        }
        return (Map<String, Object>) value;
    }
}
