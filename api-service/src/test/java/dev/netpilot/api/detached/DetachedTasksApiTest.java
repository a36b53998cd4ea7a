package dev.netpilot.api.detached;

import dev.netpilot.api.Api;
import dev.netpilot.api.EmbeddedRedis;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.Job;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.JobResult;
import dev.netpilot.job.JobStatus;
import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.netpilot.api.Api.as;
import static dev.netpilot.api.Api.json;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API side of detached tasks without an executor: a detach launch is tracked with its credentials kept apart,
 * the list follows the launch job's outcome, and the endpoints check their input and scopes. (Queries, kills and
 * discovery on a real server are covered end to end in local-run.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class DetachedTasksApiTest {

    private static final List<String> SECRETS = List.of("Dp-41c7e2", "Ds-9b3f0d", "Dk-7e2a9c");

    @Inject
    RedisDataSource redis;

    private static String launch(String host, String extra) {
        return """
                {"driver": "paramiko", "detach": true, "command": "vmstat 5 60",
                 "connection_args": {"host": "%s", "username": "ops", "password": "Dp-41c7e2", "pkey": "Dk-7e2a9c"},
                 "driver_args": {"sudo": true, "sudo_password": "Ds-9b3f0d"}%s}""".formatted(host, extra);
    }

    @Test
    void aLaunchIsTrackedWithItsCredentialsKeptApart() {
        String host = Api.uniqueHost();
        Response queued = json(Api.OPERATOR).body(launch(host, ", \"push_interval\": 15")).post("/device/exec");
        queued.then().statusCode(201).body("queue", equalTo("HostQ_ops@" + host + ":22"));
        String jobId = queued.path("id");
        String taskId = queued.path("task_id");
        assertEquals(jobId.substring(0, 12), taskId);

        String list = as(Api.READER).get("/detached-tasks").then().statusCode(200)
                .body("task_id", hasItem(taskId)).extract().asString();
        String path = "find { it.task_id == '" + taskId + "' }.";
        as(Api.READER).get("/detached-tasks?status=launching").then().statusCode(200)
                .body(path + "status", equalTo("launching"))
                .body(path + "command", equalTo(List.of("vmstat 5 60")))
                .body(path + "host", equalTo(host))
                .body(path + "driver", equalTo("paramiko"))
                .body(path + "push_interval", equalTo(15))
                .body(path + "job_id", equalTo(jobId))
                .body(path + "connection_args.password", equalTo("******"))
                .body(path + "connection_args.pkey", equalTo("******"))
                .body(path + "connection_args.username", equalTo("ops"));
        for (String secret : SECRETS) {
            assertFalse(list.contains(secret), list);
            assertFalse(redis.value(String.class).get(RedisKeys.detachedTask(taskId)).contains(secret));
            assertFalse(redis.value(String.class).get(RedisKeys.job(jobId)).contains(secret));
        }
        String login = redis.value(String.class).get(RedisKeys.detachedTaskLogin(taskId));
        assertTrue(login.contains("Ds-9b3f0d") && login.contains("Dp-41c7e2"), "kill needs the login and sudo");
        assertTrue(redis.key().ttl(RedisKeys.detachedTaskLogin(taskId)) > 0, "the login expires");
        as(Api.READER).get("/jobs/" + jobId).then().statusCode(200).body("task_id", equalTo(taskId));
    }

    @Test
    void theListFollowsTheLaunchJob() {
        String jobId = json(Api.OPERATOR).body(launch(Api.uniqueHost(), "")).post("/device/exec")
                .then().statusCode(201).extract().path("id");
        String taskId = Job.detachedTaskId(jobId);
        Job queued = JobJson.read(redis.value(String.class).get(RedisKeys.job(jobId)), Job.class);
        CommandResult launched = CommandResult.ok("launch", "Task " + taskId + " launched.", Map.of("task_id", taskId,
                "pid", 4242, "is_running", true));
        Job ended = queued.started("executor-1", Instant.now())
                .ended(JobStatus.FINISHED, JobResult.successful(List.of(launched)), Instant.now());
        redis.value(String.class).set(RedisKeys.job(jobId), JobJson.write(ended));

        String path = "find { it.task_id == '" + taskId + "' }.";
        as(Api.READER).get("/detached-tasks?status=running").then().statusCode(200)
                .body(path + "status", equalTo("running"))
                .body(path + "pid", equalTo(4242));
        as(Api.READER).get("/detached-tasks?status=launching").then().statusCode(200)
                .body("task_id", org.hamcrest.Matchers.not(hasItem(taskId)));
    }

    @Test
    void aConfigPushIgnoresDetachAsNetPulseDoes() {
        json(Api.ALL).body("""
                {"driver": "paramiko", "detach": true, "config": ["true"],
                 "connection_args": {"host": "%s", "username": "ops"}}""".formatted(Api.uniqueHost()))
                .post("/device/exec").then().statusCode(201).body("task_id", nullValue());
    }

    @Test
    void inputAndScopesAreChecked() {
        as(Api.READER).get("/detached-tasks?status=sleeping").then().statusCode(422)
                .body("detail", containsString("must be launching, running or completed"));
        as(Api.READER).get("/detached-tasks/0badc0de-123").then().statusCode(404)
                .body("detail", containsString("is not tracked"));
        as(Api.READER).get("/detached-tasks/0badc0de-123?offset=-1").then().statusCode(422);
        as(Api.OPERATOR).delete("/detached-tasks/0badc0de-123").then().statusCode(404)
                .body("detail", equalTo("Detached task 0badc0de-123 not found or already stopped"));
        as(Api.READER).delete("/detached-tasks/0badc0de-123").then().statusCode(403);
        as(Api.OPERATOR).delete("/detached-tasks").then().statusCode(403);
        json(Api.OPERATOR).body("""
                {"driver": "netmiko", "connection_args": {"host": "h"}}""").post("/detached-tasks/discover")
                .then().statusCode(422).body("detail", containsString("only for the paramiko driver"));
        json(Api.OPERATOR).body("""
                {"driver": "paramiko", "connection_args": {"username": "ops"}}""").post("/detached-tasks/discover")
                .then().statusCode(422).body("detail", containsString("'host'"));
        json(Api.OPERATOR).body("""
                {"driver": "netmiko", "detach": true, "command": "x",
                 "connection_args": {"device_type": "linux", "host": "h"}}""").post("/device/exec")
                .then().statusCode(422)
                .body("detail", containsString("Detached mode is currently only supported by the paramiko driver"));
    }

    @Test
    void clearingForgetsEveryTask() {
        json(Api.OPERATOR).body(launch(Api.uniqueHost(), "")).post("/device/exec").then().statusCode(201);
        int count = as(Api.ADMIN).delete("/detached-tasks").then().statusCode(200)
                .body("status", equalTo("cleared")).extract().path("count");
        assertTrue(count >= 1, "count " + count);
        as(Api.READER).get("/detached-tasks").then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(0));
        assertEquals(0, redis.sortedSet(String.class).zcard(RedisKeys.DETACHED_TASKS));
    }
}
