package dev.netpilot.api;

import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobResult;
import dev.netpilot.job.JobStatus;
import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DELETE /jobs/{id} and DELETE /jobs?host=|queue=. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class CancelTest {

    @Inject
    RedisDataSource redis;

    private static String submit(String key, String host) {
        return json(key).body(Api.command(host)).post("/device/exec").then().statusCode(201).extract().path("id");
    }

    private Job record(String id) {
        return JobJson.read(redis.value(String.class).get(RedisKeys.job(id)), Job.class);
    }

    private void markStarted(String id) {
        redis.value(String.class).setex(RedisKeys.job(id), 600, JobJson.write(record(id).started("nodeA-1", Instant.now())));
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndItsCredentialsDeleted() {
        String id = submit(Api.OPERATOR, Api.uniqueHost());
        assertTrue(redis.key().exists(RedisKeys.jobRequest(id)));
        as(Api.OPERATOR).delete("/jobs/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("cancelled"));
        as(Api.READER).get("/jobs/" + id).then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("ended_at", org.hamcrest.Matchers.notNullValue())
                .body("result.type", equalTo(JobResult.STOPPED))
                .body("result.retval", nullValue())
                .body("result.error.type", equalTo("Cancelled"))
                .body("result.error.message", containsString("before it started"));
        assertFalse(redis.key().exists(RedisKeys.jobRequest(id)), "the credentials go with the cancel");
        long ttl = redis.key().ttl(RedisKeys.job(id));
        assertTrue(ttl > 0 && ttl <= 300, "kept for the result ttl: " + ttl);
    }

    @Test
    void aWaiterWakesWhenTheJobIsCancelled() throws Exception {
        String id = submit(Api.OPERATOR, Api.uniqueHost());
        CompletableFuture<String> waited = CompletableFuture.supplyAsync(() ->
                as(Api.READER).queryParam("wait", 60).get("/jobs/" + id).then().statusCode(200)
                        .extract().path("status"));
        // The waiter may register before or after the cancel; either way it answers "cancelled", at once.
        Thread.sleep(200);
        as(Api.OPERATOR).delete("/jobs/" + id).then().statusCode(200);
        assertEquals("cancelled", waited.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aStartedJobIsHandedToItsExecutor() throws Exception {
        BlockingQueue<String> asked = new LinkedBlockingQueue<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(RedisKeys.JOB_CANCEL_CHANNEL, asked::add);
        try {
            String id = submit(Api.OPERATOR, Api.uniqueHost());
            markStarted(id);
            as(Api.OPERATOR).delete("/jobs/" + id).then().statusCode(202)
                    .body("id", equalTo(id)).body("status", equalTo("cancelling"));
            String message;
            do {
                message = asked.poll(10, TimeUnit.SECONDS);
            } while (message != null && !message.equals(id));
            assertEquals(id, message, "the executor is asked on " + RedisKeys.JOB_CANCEL_CHANNEL);
            assertEquals(JobStatus.STARTED, record(id).status(), "the executor, not the API, ends a running job");
        } finally {
            subscriber.unsubscribe();
        }
    }

    @Test
    void anEndedJobIs409() {
        String id = submit(Api.OPERATOR, Api.uniqueHost());
        as(Api.OPERATOR).delete("/jobs/" + id).then().statusCode(200);
        as(Api.OPERATOR).delete("/jobs/" + id).then().statusCode(409)
                .body("detail", equalTo("Job " + id + " already ended with status cancelled; there is nothing to cancel"));
    }

    @Test
    void anUnknownJobIs404() {
        as(Api.OPERATOR).delete("/jobs/no-such-job").then().statusCode(404)
                .body("detail", containsString("Job no-such-job not found"));
    }

    @Test
    void anotherKeysJobNeedsAdmin() {
        String id = submit(Api.OPERATOR, Api.uniqueHost());
        assertEquals("operator", redis.value(String.class).get(RedisKeys.jobOwner(id)));
        assertTrue(redis.key().ttl(RedisKeys.jobOwner(id)) > 0);
        as(Api.OTHER).delete("/jobs/" + id).then().statusCode(403)
                .body("detail", containsString("cancelling another key's job needs the 'admin' scope"));
        as(Api.ADMIN).delete("/jobs/" + id).then().statusCode(200).body("status", equalTo("cancelled"));
    }

    @Test
    void aJobWithoutAKnownOwnerNeedsAdmin() {
        String id = submit(Api.OPERATOR, Api.uniqueHost());
        redis.key().del(RedisKeys.jobOwner(id));
        as(Api.OPERATOR).delete("/jobs/" + id).then().statusCode(403);
        as(Api.ALL).delete("/jobs/" + id).then().statusCode(200);
    }

    @Test
    void cancelsEveryQueuedJobOfAHostAndOnlyThose() {
        String host = Api.uniqueHost();
        String a = submit(Api.OPERATOR, host);
        String b = submit(Api.OTHER, host);
        String running = submit(Api.OPERATOR, host);
        markStarted(running);
        String elsewhere = submit(Api.OPERATOR, Api.uniqueHost());
        as(Api.ADMIN).delete("/jobs?host=" + host).then().statusCode(200).body("$", containsInAnyOrder(a, b));
        assertEquals(JobStatus.CANCELLED, record(a).status());
        assertEquals(JobStatus.CANCELLED, record(b).status());
        assertEquals(JobStatus.STARTED, record(running).status());
        assertEquals(JobStatus.QUEUED, record(elsewhere).status());
        as(Api.ADMIN).delete("/jobs?host=" + host).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void cancelsByQueue() {
        String host = Api.uniqueHost();
        String queue = "HostQ_" + host;
        Job job = Job.queued(UUID.randomUUID().toString(), Instant.now(), queue, host, List.of("show clock"), null);
        redis.value(String.class).setex(RedisKeys.job(job.id()), 600, JobJson.write(job));
        redis.sortedSet(String.class).zadd(RedisKeys.JOB_INDEX, job.createdAt().toEpochMilli(), job.id());
        as(Api.ADMIN).delete("/jobs?queue=" + queue).then().statusCode(200).body("$", containsInAnyOrder(job.id()));
    }

    @Test
    void cancellingEverythingNeedsAFilter() {
        as(Api.ADMIN).delete("/jobs").then().statusCode(422).body("detail", containsString("give host=<device>"));
    }

    @Test
    void ownersAreRecordedForBulkJobsToo() {
        String id = json(Api.OPERATOR).body("""
                {"driver": "netmiko", "connection_args": {"device_type": "cisco_ios"}, "command": "show clock",
                 "devices": [{"host": "%s"}]}
                """.formatted(Api.uniqueHost())).post("/device/bulk").then().statusCode(201)
                .extract().path("succeeded[0].id");
        as(Api.OTHER).delete("/jobs/" + id).then().statusCode(403);
        as(Api.OPERATOR).delete("/jobs/" + id).then().statusCode(200);
    }
}
