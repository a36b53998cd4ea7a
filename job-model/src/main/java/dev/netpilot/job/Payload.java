package dev.netpilot.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code command} or {@code config} value: a string, a list of strings, or an object that is the context of a
 * {@code rendering} template. A string becomes a one-element list.
 *
 * @param lines   the commands or config lines, or null for an object payload
 * @param context the render context of an object payload, or null
 */
@JsonSerialize(using = Payload.Serializer.class)
@JsonDeserialize(using = Payload.Deserializer.class)
public record Payload(List<String> lines, ObjectNode context) {

    public static Payload of(List<String> lines) {
        return new Payload(List.copyOf(lines), null);
    }

    public boolean isTemplateContext() {
        return context != null;
    }

    static final class Deserializer extends JsonDeserializer<Payload> {
        @Override
        public Payload deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node.isTextual()) {
                return new Payload(List.of(node.asText()), null);
            }
            if (node.isObject()) {
                return new Payload(null, (ObjectNode) node);
            }
            if (node.isArray()) {
                List<String> lines = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    if (!node.get(i).isTextual()) {
                        return ctxt.reportInputMismatch(Payload.class,
                                "item %d must be a string, got %s", i, node.get(i).getNodeType().name().toLowerCase());
                    }
                    lines.add(node.get(i).asText());
                }
                return new Payload(List.copyOf(lines), null);
            }
            return ctxt.reportInputMismatch(Payload.class,
                    "must be a string, a list of strings, or an object (with `rendering`), got %s",
                    node.getNodeType().name().toLowerCase());
        }
    }

    static final class Serializer extends JsonSerializer<Payload> {
        @Override
        public void serialize(Payload value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value.context != null) {
                gen.writeTree(value.context);
            } else {
                gen.writeObject(value.lines);
            }
        }
    }
}
