package dev.netpilot.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The one JSON form of everything that crosses Redis or the API. Timestamps are written as NetPulse
 * writes them: ISO-8601 with microseconds and a numeric offset, in the zone of the process ({@code TZ});
 * {@link Job} puts {@link InstantSerializer} on its timestamps.
 */
public final class JobJson {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private JobJson() {
    }

    /** The shared mapper; configure a framework's own mapper with {@link #configure} instead of copying settings. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message of {@link RedisKeys#JOB_ENDED_CHANNEL} for an ended job whose record is {@code recordJson}. */
    public static String endedEvent(String jobId, String recordJson) {
        return jobId + "\n" + recordJson;
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The status of a stored job record, read without building the job (the record is answered as it is stored);
     * null when the record has none.
     */
    public static JobStatus status(String jobJson) {
        try (JsonParser parser = MAPPER.getFactory().createParser(jobJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("status".equals(field)) {
                    return JobStatus.fromWire(parser.getValueAsString());
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String formatTimestamp(Instant instant) {
        return TIMESTAMP.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** Put on {@link Instant} fields: the format holds whatever mapper (ours or a framework's) writes them. */
    public static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(formatTimestamp(value));
        }
    }

    public static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return OffsetDateTime.parse(p.getValueAsString()).toInstant();
        }
    }
}
