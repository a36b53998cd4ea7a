package dev.netpilot.api.idempotency;

import dev.netpilot.job.RedisKeys;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.netpilot.api.auth.Caller;
import dev.netpilot.api.error.ConflictException;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.job.JobJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} header of {@code POST /device/exec} and {@code POST /device/bulk}. The first request
 * with a key claims it ({@code SET NX} with the job's ttl) and records its answer; a repeat from the same API key
 * within that time gets the recorded answer (200, header {@code Idempotent-Replayed: true}) and queues nothing.
 * The same key with a different request is a 422; a repeat while the first is still being answered is a 409.
 * Redis holds a SHA-256 fingerprint of the request, never the request itself.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    private static final ObjectMapper CANONICAL = JobJson.mapper().copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Redis redis;

    public Idempotency(Redis redis) {
        this.redis = redis;
    }

    /** An answer and whether it is a replay of an earlier one. */
    public record Outcome<T>(T answer, boolean replayed) {
    }

    /**
     * Runs {@code action} once per ({@code caller}, {@code key}); without a key it simply runs it.
     *
     * @param request what was asked, for the fingerprint (compared by content: key order does not matter)
     * @param ttlSeconds how long the key is remembered: the job's queue ttl
     */
    public <T> Uni<Outcome<T>> once(Caller caller, String key, String endpoint, Object request, long ttlSeconds,
                                    Class<T> answerType, Supplier<Uni<T>> action) {
        if (key == null) {
            return action.get().map(answer -> new Outcome<>(answer, false));
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidRequestException("Invalid header: ", List.of(new ErrorBody.FieldProblem(
                    List.of("header", HEADER), "must be 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        String redisKey = RedisKeys.idempotency(sha256(caller.name() + "\n" + key));
        String fingerprint = sha256(endpoint + "\n" + canonical(request));
        String claim = JobJson.write(new Entry(fingerprint, null));
        return redis.send(Request.cmd(Command.SET).arg(redisKey).arg(claim).arg("NX").arg("EX")
                        .arg(String.valueOf(ttlSeconds)))
                .chain(claimed -> claimed != null
                        ? first(redisKey, fingerprint, answerType, action)
                        : repeat(redisKey, key, fingerprint, answerType));
    }

    private <T> Uni<Outcome<T>> first(String redisKey, String fingerprint, Class<T> answerType,
                                      Supplier<Uni<T>> action) {
        Uni<T> answered;
        try {
            answered = action.get();
        } catch (RuntimeException e) {
            answered = Uni.createFrom().failure(e);
        }
        return answered
                .onFailure().call(failure -> redis.send(Request.cmd(Command.DEL).arg(redisKey)))
                .chain(answer -> redis.send(Request.cmd(Command.SET).arg(redisKey)
                                .arg(JobJson.write(new Entry(fingerprint, JobJson.mapper().valueToTree(answer))))
                                .arg("XX").arg("KEEPTTL"))
                        .replaceWith(new Outcome<>(answer, false)));
    }

    private <T> Uni<Outcome<T>> repeat(String redisKey, String key, String fingerprint, Class<T> answerType) {
        return redis.send(Request.cmd(Command.GET).arg(redisKey)).map(stored -> {
            if (stored == null) {
                throw new ConflictException("The request with Idempotency-Key '" + key + "' failed a moment ago and "
                        + "its key was released; send the request again");
            }
            Entry entry = JobJson.read(stored.toString(), Entry.class);
            if (!entry.fingerprint().equals(fingerprint)) {
                throw new InvalidRequestException("Invalid header: ", List.of(new ErrorBody.FieldProblem(
                        List.of("header", HEADER), "the Idempotency-Key '" + key + "' was already used with a "
                        + "different request; use a new key for a new request")));
            }
            if (entry.answer() == null || entry.answer().isNull()) {
                throw new ConflictException("A request with Idempotency-Key '" + key + "' is still being answered; "
                        + "retry in a moment to get its answer");
            }
            try {
                return new Outcome<>(JobJson.mapper().treeToValue(entry.answer(), answerType), true);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String canonical(Object request) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.convertValue(request, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Redis keeps per key: the request's fingerprint and, once answered, the answer (secret-free). */
    record Entry(String fingerprint, @JsonProperty("answer") JsonNode answer) {
    }
}
