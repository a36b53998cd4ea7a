package dev.netpilot.executor.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import dev.netpilot.job.WebhookRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends webhook events with retries that survive executor restarts. A delivery is written to Redis
 * ({@link RedisKeys#webhookDelivery} and the due set {@link RedisKeys#WEBHOOKS_DUE}) before its first attempt,
 * scored at the end of that attempt's claim; a failed attempt is scored at its next retry time. Every executor
 * looks for due deliveries and claims them atomically (a claim moves the score past the attempt), so each retry
 * is made by one live executor, whichever. After {@code max_retries} failed retries the delivery gives up: a log
 * line and an entry in {@link RedisKeys#WEBHOOKS_FAILED}, neither with secrets.
 * <p>
 * Every attempt carries {@code X-NetPilot-Delivery}, {@code X-NetPilot-Event}, {@code X-NetPilot-Attempt} and
 * {@code X-NetPilot-Timestamp} (Unix seconds, also written into the payload's {@code timestamp}); with a
 * {@code webhook.secret}, {@code X-NetPilot-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}.
 */
@ApplicationScoped
public class WebhookDeliveries {

    public static final String SIGNATURE_HEADER = "X-NetPilot-Signature";
    public static final String TIMESTAMP_HEADER = "X-NetPilot-Timestamp";
    public static final String DELIVERY_HEADER = "X-NetPilot-Delivery";
    public static final String EVENT_HEADER = "X-NetPilot-Event";
    public static final String ATTEMPT_HEADER = "X-NetPilot-Attempt";

    /**
     * Claims up to ARGV[3] deliveries due at ARGV[1] (epoch ms): each is re-scored at the end of its claim (its
     * timeout plus ARGV[2] ms) and returned with its JSON. Ids whose delivery expired are dropped.
     */
    private static final String CLAIM = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            local claimed = {}
            for _, id in ipairs(due) do
              local json = redis.call('GET', ARGV[4] .. id)
              if json then
                local ok, delivery = pcall(cjson.decode, json)
                local timeout = 120
                if ok and type(delivery['webhook']) == 'table' and type(delivery['webhook']['timeout']) == 'number' then
                  timeout = delivery['webhook']['timeout']
                end
                redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + math.ceil(timeout * 1000) + tonumber(ARGV[2]), id)
                claimed[#claimed + 1] = json
              else
                redis.call('ZREM', KEYS[1], id)
              end
            end
            return claimed
            """;

    private final Redis redis;
    private final Vertx vertx;
    private final WebhookCallers callers;
    private final WebhookConfig config;
    private final Counter delivered;
    private final Counter retrying;
    private final Counter gaveUp;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean stopped;
    private long pollTimer = -1;

    public WebhookDeliveries(Redis redis, Vertx vertx, WebhookCallers callers, WebhookConfig config,
                             MeterRegistry registry) {
        this.redis = redis;
        this.vertx = vertx;
        this.callers = callers;
        this.config = config;
        delivered = outcomes(registry, "delivered");
        retrying = outcomes(registry, "retrying");
        gaveUp = outcomes(registry, "gave_up");
    }

    private static Counter outcomes(MeterRegistry registry, String outcome) {
        return Counter.builder("netpilot.webhook.attempts").tag("outcome", outcome)
                .description("Webhook attempts this executor made, by outcome: delivered, retrying (failed, a retry "
                        + "follows), gave_up (failed for the last time, or the host is not allowed)")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> pollDue());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(pollTimer);
    }

    /** A new delivery of {@code payload} (any value that serializes to a JSON object) about {@code subject}. */
    public Delivery prepare(WebhookRequest webhook, String event, String subject, Object payload) {
        return new Delivery(UUID.randomUUID().toString(), event, subject, webhook, JobJson.write(payload), 0, null);
    }

    /**
     * The writes that keep {@code delivery} in Redis until it is done, claimed for a first attempt by this executor;
     * for a caller's own MULTI (the job end writes them with the job). Follow with {@link #attempt} once written.
     */
    public List<Request> schedule(Delivery delivery) {
        long keepSeconds = delivery.webhook().scheduleSeconds() + config.claimMargin().toSeconds() + 3600;
        return List.of(
                Request.cmd(Command.SET).arg(RedisKeys.webhookDelivery(delivery.id())).arg(JobJson.write(delivery))
                        .arg("EX").arg(String.valueOf(keepSeconds)),
                Request.cmd(Command.ZADD).arg(RedisKeys.WEBHOOKS_DUE)
                        .arg(String.valueOf(claimEnd(delivery))).arg(delivery.id()));
    }

    /**
     * Sends an event: schedules it in Redis, then makes the first attempt without waiting for it. The returned
     * Uni completes once the delivery is safely scheduled; retries follow as for job webhooks.
     */
    public Uni<Delivery> send(WebhookRequest webhook, String event, String subject, Object payload) {
        Delivery delivery = prepare(webhook, event, subject, payload);
        List<Request> writes = new ArrayList<>();
        writes.add(Request.cmd(Command.MULTI));
        writes.addAll(schedule(delivery));
        writes.add(Request.cmd(Command.EXEC));
        return redis.batch(writes).invoke(() -> attempt(delivery)).replaceWith(delivery);
    }

    /** Makes one attempt now, in the background, and records its outcome; never throws. */
    public void attempt(Delivery delivery) {
        String refusal = delivery.webhook().hostRefusal(config.allowHosts().orElse(List.of()));
        if (refusal != null) {
            giveUp(delivery, delivery.failedOnce(refusal), refusal);
            return;
        }
        WebhookCaller caller = callers.find(delivery.webhook().name());
        if (caller == null) {
            recordFailure(delivery, "no webhook caller named '" + delivery.webhook().name() + "' on this executor "
                    + "(available: " + callers.names() + ")");
            return;
        }
        WebhookMessage message;
        try {
            message = message(delivery, Instant.now());
            caller.call(delivery.webhook(), message).whenComplete((ignored, failure) -> {
                if (failure == null) {
                    done(delivery);
                } else {
                    recordFailure(delivery, reason(failure));
                }
            });
        } catch (RuntimeException e) {
            recordFailure(delivery, reason(e));
        }
    }

    /** The message of the next attempt at {@code now}: the payload with its send time, signed when there is a secret. */
    static WebhookMessage message(Delivery delivery, Instant now) {
        String body = delivery.payload();
        JsonNode tree = JobJson.read(body, JsonNode.class);
        if (tree instanceof ObjectNode object && object.has("timestamp")) {
            object.put("timestamp", JobJson.formatTimestamp(now));
            body = JobJson.write(object);
        }
        String timestamp = String.valueOf(now.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "NetPilot-Webhook");
        headers.put(DELIVERY_HEADER, delivery.id());
        headers.put(EVENT_HEADER, delivery.event());
        headers.put(ATTEMPT_HEADER, String.valueOf(delivery.attempts() + 1));
        headers.put(TIMESTAMP_HEADER, timestamp);
        if (delivery.webhook().secret() != null) {
            headers.put(SIGNATURE_HEADER, "sha256=" + sign(delivery.webhook().secret(), timestamp, body));
        }
        return new WebhookMessage(delivery.id(), delivery.event(), body, headers);
    }

    /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"} with {@code secret}. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private void done(Delivery delivery) {
        delivered.increment();
        redis.batch(List.of(
                        Request.cmd(Command.MULTI),
                        Request.cmd(Command.DEL).arg(RedisKeys.webhookDelivery(delivery.id())),
                        Request.cmd(Command.ZREM).arg(RedisKeys.WEBHOOKS_DUE).arg(delivery.id()),
                        Request.cmd(Command.EXEC)))
                .subscribe().with(ignored -> Log.debugf("Delivered %s", delivery),
                        failure -> Log.warnf("Delivered %s but could not clear it (it may be sent again): %s",
                                delivery, failure.getMessage()));
    }

    private void recordFailure(Delivery delivery, String error) {
        Delivery failed = delivery.failedOnce(error);
        int retry = failed.attempts(); // the retry that comes next, 1 for the first
        if (retry > delivery.webhook().maxRetries()) {
            giveUp(delivery, failed, error);
            return;
        }
        retrying.increment();
        long due = Instant.now().toEpochMilli() + delivery.webhook().retryDelaySeconds(retry) * 1000L;
        Log.infof("Webhook %s attempt %d failed (%s); retry %d of %d in %d s", delivery, failed.attempts(), error,
                retry, delivery.webhook().maxRetries(), delivery.webhook().retryDelaySeconds(retry));
        redis.batch(List.of(
                        Request.cmd(Command.MULTI),
                        Request.cmd(Command.SET).arg(RedisKeys.webhookDelivery(delivery.id()))
                                .arg(JobJson.write(failed)).arg("KEEPTTL"),
                        Request.cmd(Command.ZADD).arg(RedisKeys.WEBHOOKS_DUE).arg(String.valueOf(due))
                                .arg(delivery.id()),
                        Request.cmd(Command.EXEC)))
                .subscribe().with(ignored -> { }, failure -> Log.warnf("Could not record the failed attempt of %s "
                        + "(it is tried again after its claim ends): %s", delivery, failure.getMessage()));
    }

    /** Drops a delivery that will not be tried again and keeps a line about it in {@code np:webhooks:failed}. */
    private void giveUp(Delivery delivery, Delivery failed, String error) {
        gaveUp.increment();
        Log.warnf("Webhook %s gave up after %d attempts: %s", delivery, failed.attempts(), error);
        redis.batch(List.of(
                        Request.cmd(Command.MULTI),
                        Request.cmd(Command.DEL).arg(RedisKeys.webhookDelivery(delivery.id())),
                        Request.cmd(Command.ZREM).arg(RedisKeys.WEBHOOKS_DUE).arg(delivery.id()),
                        Request.cmd(Command.XADD).arg(RedisKeys.WEBHOOKS_FAILED).arg("MAXLEN").arg("~")
                                .arg(String.valueOf(config.failedKept())).arg("*")
                                .arg("delivery").arg(delivery.id()).arg("event").arg(delivery.event())
                                .arg("subject").arg(String.valueOf(delivery.subject()))
                                .arg("url").arg(delivery.webhook().safeUrl())
                                .arg("attempts").arg(String.valueOf(failed.attempts())).arg("error").arg(error),
                        Request.cmd(Command.EXEC)))
                .subscribe().with(ignored -> { }, failure -> Log.warnf("Could not record that %s gave up (it is "
                        + "tried again after its claim ends): %s", delivery, failure.getMessage()));
    }

    /** Claims the due deliveries (one look at a time) and attempts each. */
    void pollDue() {
        if (stopped || !polling.compareAndSet(false, true)) {
            return;
        }
        redis.send(Request.cmd(Command.EVAL).arg(CLAIM).arg(1).arg(RedisKeys.WEBHOOKS_DUE)
                        .arg(String.valueOf(Instant.now().toEpochMilli()))
                        .arg(String.valueOf(config.claimMargin().toMillis()))
                        .arg(String.valueOf(config.claimBatch())).arg(RedisKeys.webhookDelivery("")))
                .eventually(() -> polling.set(false))
                .subscribe().with(this::attemptAll, failure -> Log.warnf("Could not look for due webhooks: %s",
                        failure.getMessage()));
    }

    private void attemptAll(Response claimed) {
        if (claimed == null) {
            return;
        }
        for (Response json : claimed) {
            Delivery delivery;
            try {
                delivery = JobJson.read(json.toString(), Delivery.class);
            } catch (RuntimeException e) {
                Log.warnf("Dropped an unreadable webhook delivery: %s", e.getClass().getSimpleName());
                continue;
            }
            attempt(delivery);
        }
    }

    private long claimEnd(Delivery delivery) {
        return Instant.now().toEpochMilli() + Math.round(Math.ceil(delivery.webhook().timeout() * 1000))
                + config.claimMargin().toMillis();
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof WebhookFailedException) {
            return cause.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
