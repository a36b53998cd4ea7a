package dev.netpilot.api;

import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /jobs: filters, cursor pagination over the job index, pruning of expired entries. */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class JobListTest {

    @Inject
    RedisDataSource redis;

    private static String submit(String host) {
        return json(Api.ALL).body(Api.command(host)).post("/device/exec").then().statusCode(201)
                .extract().path("id");
    }

    /** Walks every page with the cursor; fails if a page repeats a job. */
    private static List<String> allPages(String query, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            Response response = as(Api.READER).queryParam("limit", limit)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/jobs?" + query).then().statusCode(200).extract().response();
            List<String> pageIds = response.jsonPath().getList("id");
            assertTrue(pageIds.size() <= limit);
            ids.addAll(pageIds);
            cursor = response.header("X-Next-Cursor");
            if (cursor == null) {
                assertEquals(ids.size(), new HashSet<>(ids).size(), "no job may appear twice: " + ids);
                return ids;
            }
            assertTrue(response.header("Link").contains("cursor=" + cursor) && response.header("Link")
                    .endsWith("rel=\"next\""), response.header("Link"));
        }
        throw new AssertionError("the cursor never ended");
    }

    /** A job record written as an executor would leave it, with its index entry at {@code createdMillis}. */
    private void store(Job job, long createdMillis) {
        redis.value(String.class).setex(RedisKeys.job(job.id()), 600, JobJson.write(job));
        redis.sortedSet(String.class).zadd(RedisKeys.JOB_INDEX, createdMillis, job.id());
    }

    @Test
    void pagesThroughAHostsJobsNewestFirst() {
        String host = Api.uniqueHost();
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(submit(host));
        }
        List<String> listed = allPages("host=" + host, 2);
        assertEquals(5, listed.size());
        assertEquals(new HashSet<>(submitted), new HashSet<>(listed));
        assertEquals(submitted.get(4), listed.get(0), "newest first");
        assertEquals(listed, allPages("host=" + host, 1000));
    }

    @Test
    void answersAJsonArrayAsNetPulseDoes() {
        String host = Api.uniqueHost();
        String id = submit(host);
        as(Api.READER).get("/jobs?host=" + host).then().statusCode(200)
                .body("$", org.hamcrest.Matchers.hasSize(1))
                .body("[0].id", equalTo(id))
                .body("[0].status", equalTo("queued"))
                .header("X-Next-Cursor", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void jobsCreatedInTheSameMillisecondAreEachListedOnce() {
        String host = Api.uniqueHost();
        long now = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Job job = Job.queued(UUID.randomUUID().toString(), Instant.ofEpochMilli(now), "FifoQ", host,
                    List.of("show clock"), null);
            store(job, now);
            ids.add(job.id());
        }
        List<String> listed = allPages("host=" + host, 1);
        assertEquals(new HashSet<>(ids), new HashSet<>(listed));
        assertEquals(7, listed.size());
    }

    @Test
    void resumesWhenTheCursorsEntryWasPrunedMeanwhile() {
        String host = Api.uniqueHost();
        long now = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Job job = Job.queued(UUID.randomUUID().toString(), Instant.ofEpochMilli(now - i), "FifoQ", host,
                    List.of("show clock"), null);
            store(job, now - i);
            ids.add(job.id());
        }
        Response first = as(Api.READER).get("/jobs?limit=2&host=" + host).then().statusCode(200)
                .extract().response();
        assertEquals(ids.subList(0, 2), first.jsonPath().getList("id"));
        redis.sortedSet(String.class).zrem(RedisKeys.JOB_INDEX, ids.get(1));
        as(Api.READER).get("/jobs?limit=2&host=" + host + "&cursor=" + first.header("X-Next-Cursor"))
                .then().statusCode(200).body("id", contains(ids.get(2), ids.get(3)));
    }

    @Test
    void expiredIdsArePrunedFromTheIndex() {
        String ghost = UUID.randomUUID().toString();
        redis.sortedSet(String.class).zadd(RedisKeys.JOB_INDEX, System.currentTimeMillis(), ghost);
        as(Api.READER).get("/jobs?limit=1000&host=" + Api.uniqueHost()).then().statusCode(200);
        assertTrue(redis.sortedSet(String.class).zscore(RedisKeys.JOB_INDEX, ghost).isEmpty(), "pruned");
    }

    @Test
    void filtersByStatusQueueNodeAndBatch() {
        String host = Api.uniqueHost();
        long now = System.currentTimeMillis();
        Job queued = Job.queued(UUID.randomUUID().toString(), Instant.ofEpochMilli(now), "HostQ_" + host, host,
                List.of("show clock"), "batch-" + host);
        Job started = Job.queued(UUID.randomUUID().toString(), Instant.ofEpochMilli(now), "FifoQ", host,
                List.of("show clock"), null).started("nodeA-4242", Instant.now());
        store(queued, now);
        store(started, now);
        as(Api.READER).get("/jobs?status=started&host=" + host).then().statusCode(200)
                .body("id", contains(started.id()));
        as(Api.READER).get("/jobs?status=queued&host=" + host).then().body("id", contains(queued.id()));
        as(Api.READER).get("/jobs?queue=HostQ_" + host).then().body("id", contains(queued.id()));
        as(Api.READER).get("/jobs?node=nodeA&host=" + host).then().body("id", contains(started.id()));
        as(Api.READER).get("/jobs?node=nodeA-4242&host=" + host).then().body("id", contains(started.id()));
        as(Api.READER).get("/jobs?node=node&host=" + host).then().body("size()", equalTo(0));
        as(Api.READER).get("/jobs?batch_id=batch-" + host).then().body("id", contains(queued.id()));
        as(Api.READER).get("/jobs?status=queued&limit=50").then().statusCode(200)
                .body("status", everyItem(equalTo("queued")));
        as(Api.READER).get("/jobs?queue=FifoQ&limit=20").then().statusCode(200)
                .body("queue", everyItem(startsWith("FifoQ")));
    }

    @Test
    void netPulsesHostQueueNameMatchesEveryLaneOfTheHost() {
        String host = Api.uniqueHost();
        long now = System.currentTimeMillis();
        Job admin = Job.queued(UUID.randomUUID().toString(), Instant.ofEpochMilli(now), "HostQ_admin@" + host + ":22",
                host, List.of("show clock"), null);
        Job fifo = Job.queued(UUID.randomUUID().toString(), Instant.ofEpochMilli(now), "FifoQ", host,
                List.of("show clock"), null);
        store(admin, now);
        store(fifo, now);
        as(Api.READER).get("/jobs?queue=HostQ_" + host).then().statusCode(200).body("id", contains(admin.id()));
        as(Api.READER).get("/jobs?queue=HostQ_admin@" + host + ":22").then().body("id", contains(admin.id()));
    }

    @Test
    void withoutFiltersListsTheNewestJobs() {
        String id = submit(Api.uniqueHost());
        as(Api.READER).get("/jobs?limit=1").then().statusCode(200).body("id", contains(id));
    }

    @Test
    void badParametersAre422() {
        as(Api.READER).get("/jobs?status=running").then().statusCode(422)
                .body("errors[0].loc", contains("query", "status"))
                .body("errors[0].msg", containsString("use one of queued, started, finished, failed, cancelled"));
        as(Api.READER).get("/jobs?limit=0").then().statusCode(422).body("errors[0].loc", contains("query", "limit"));
        as(Api.READER).get("/jobs?limit=1001").then().statusCode(422);
        as(Api.READER).get("/jobs?cursor=not-a-cursor").then().statusCode(422)
                .body("errors[0].msg", containsString("X-Next-Cursor"));
    }

    @Test
    void netPulsesCanceledSpellingIsAccepted() {
        as(Api.READER).get("/jobs?status=canceled&limit=5").then().statusCode(200);
    }

    @Test
    void theLinkHeaderKeepsTheFiltersButNotTheKey() {
        String host = Api.uniqueHost();
        submit(host);
        submit(host);
        String link = as(Api.READER).queryParam("X-API-KEY", Api.READER).get("/jobs?limit=1&host=" + host)
                .then().statusCode(200).extract().header("Link");
        assertNotNull(link);
        assertTrue(link.contains("host=" + host) && !link.contains(Api.READER), link);
    }
}
