package dev.netpilot.local;

import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.openssh.OpenSshServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paramiko driver through the whole path (HTTP, Redis, executor, SSH): commands on the simulator's linux
 * personality, and the detached-task lifecycle on a real OpenSSH server (launch, list, query, discover, kill, log
 * pushes to a webhook).
 */
class LinuxAndDetachedTasksTest {

    private static final String KEY = "linux-key";
    /** Sent as the login password too: it must never come back in any answer. */
    private static final String PASSWORD = "np-secret-pw";
    private static final Path CREDENTIALS = Path.of("target", "linux-credentials");
    private static TestStack services;
    private static OpenSshServer sshd;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void startStack() throws Exception {
        // the file credential provider's directory; the OpenSSH login is written to it once the server is up
        Files.createDirectories(CREDENTIALS);
        services = TestStack.start("linux", KEY, 1, "linux", 1,
                Map.of("np.credentials.file.dir", CREDENTIALS.toAbsolutePath().toString()));
        receiver = new WebhookReceiver();
        RestAssured.baseURI = services.stack.apiUrl();
        if (OpenSshServer.available()) {
            sshd = OpenSshServer.start();
            Files.writeString(CREDENTIALS.resolve("openssh.json"), String.format(
                    "{\"username\": \"%s\", \"password\": \"%s\"}", OpenSshServer.user(), PASSWORD));
        }
    }

    @AfterAll
    static void stopStack() {
        if (receiver != null) {
            receiver.close();
        }
        if (sshd != null) {
            sshd.close();
        }
        if (services != null) {
            services.close();
        }
    }

    private static Response post(String path, String body) {
        return given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body(body).when().post(path);
    }

    private static ValidatableResponse awaitEnd(String id) {
        return given().header("X-API-KEY", KEY).queryParam("wait", 30).when().get("/jobs/" + id)
                .then().statusCode(200);
    }

    private static String simulated() {
        SimulatedDevice device = services.stack.simulator().device(0);
        return """
                {"host": "%s", "port": %d, "username": "admin", "password": "admin"}"""
                .formatted(device.host(), device.port());
    }

    private static String openSsh() {
        return """
                {"host": "127.0.0.1", "port": %d, "username": "%s", "key_filename": "%s", "password": "%s"}"""
                .formatted(sshd.port(), OpenSshServer.user(), sshd.clientKey(), PASSWORD);
    }

    @Test
    void commandsAndSudoConfigOnTheSimulatedServer() {
        String id = post("/device/exec", """
                {"driver": "paramiko", "connection_args": %s,
                 "command": ["hostname", "cat /nonexistent"], "driver_args": {"environment": {"A": "1"}}}"""
                .formatted(simulated())).then().statusCode(201).body("queue", equalTo("FifoQ"))
                .body("task_id", equalTo(null)).extract().path("id");
        awaitEnd(id).body("status", equalTo("finished"))
                .body("result.retval", hasSize(2))
                .body("result.retval[0].stdout", equalTo("sim-001\n"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[1].exit_status", equalTo(1))
                .body("result.retval[1].stderr", equalTo("cat: /nonexistent: No such file or directory\n"));

        // NetPulse dropped sudo on config pushes; here it applies: /etc needs root
        String config = post("/device/exec", """
                {"driver": "paramiko", "connection_args": %s, "config": ["echo np > /etc/np.conf"],
                 "driver_args": {"sudo": true, "sudo_password": "admin"}}""".formatted(simulated()))
                .then().statusCode(201).extract().path("id");
        String body = awaitEnd(config).body("status", equalTo("finished"))
                .body("result.retval", hasSize(1))
                .body("result.retval[0].exit_status", equalTo(0)).extract().asString();
        assertFalse(body.contains("[sudo]"), body);
        assertTrue(services.stack.simulator().device(0).runningConfig().contains("==> /etc/np.conf <==\nnp\n"));

        // paramiko's expect_map keys are plain text: this one is no valid regular expression
        String answered = post("/device/exec", """
                {"driver": "paramiko", "connection_args": %s, "command": "read -p 'Really (y/n ' a; echo got=$a",
                 "driver_args": {"expect_map": {"Really (y/n ": "y"}}}""".formatted(simulated()))
                .then().statusCode(201).extract().path("id");
        awaitEnd(answered).body("status", equalTo("finished"))
                .body("result.retval[0].exit_status", equalTo(0))
                .body("result.retval[0].stdout", containsString("got=y\n"));

        // a script without a command runs (NetPulse silently did nothing)
        String script = post("/device/exec", """
                {"driver": "paramiko", "connection_args": %s,
                 "driver_args": {"script_content": "echo from-script\\nexit 2\\n"}}""".formatted(simulated()))
                .then().statusCode(201).extract().path("id");
        awaitEnd(script).body("result.retval[0].command", equalTo("script_execution_bash"))
                .body("result.retval[0].stdout", equalTo("from-script\n"))
                .body("result.retval[0].exit_status", equalTo(2));
    }

    @Test
    void detachIsForParamikoOnlyAndUnknownStatusesAreRefused() {
        post("/device/exec", """
                {"driver": "netmiko", "connection_args": {"device_type": "linux", "host": "h"},
                 "command": "sleep 9", "detach": true}""").then().statusCode(422)
                .body("detail", containsString("Detached mode is currently only supported by the paramiko driver"));
        given().header("X-API-KEY", KEY).queryParam("status", "sleeping").when().get("/detached-tasks")
                .then().statusCode(422).body("detail", containsString("launching, running or completed"));
        given().header("X-API-KEY", KEY).when().get("/detached-tasks/00000000-000").then().statusCode(404);
        given().header("X-API-KEY", KEY).when().delete("/detached-tasks/00000000-000").then().statusCode(404)
                .body("detail", equalTo("Detached task 00000000-000 not found or already stopped"));
        post("/detached-tasks/discover", """
                {"driver": "netmiko", "connection_args": {"host": "h"}}""").then().statusCode(422);
    }

    @Test
    void detachedTaskLifecycleOnOpenSsh() {
        Assumptions.assumeTrue(sshd != null, "OpenSSH server not installed (" + OpenSshServer.SSHD
                + "): apt-get install openssh-server to run this test");
        Response launched = post("/device/exec", """
                {"driver": "paramiko", "connection_args": %s, "detach": true, "push_interval": 15,
                 "command": "for i in 1 2 3; do echo line$i; done; sleep 300"}""".formatted(openSsh()));
        launched.then().statusCode(201).body("queue", containsString("HostQ_"));
        String id = launched.path("id");
        String taskId = launched.path("task_id");
        assertEquals(id.substring(0, 12), taskId);

        String launch = awaitEnd(id).body("status", equalTo("finished"))
                .body("task_id", equalTo(taskId))
                .body("result.retval[0].command", equalTo("launch"))
                .body("result.retval[0].stdout", equalTo("Task " + taskId + " launched."))
                .body("result.retval[0].metadata.task_id", equalTo(taskId))
                .body("result.retval[0].metadata.is_running", equalTo(true))
                .body("result.retval[0].metadata.log_file",
                        equalTo("/tmp/np-detached-" + OpenSshServer.user() + "/np_" + taskId + ".log"))
                .extract().asString();
        assertFalse(launch.contains(PASSWORD), launch);

        String listed = given().header("X-API-KEY", KEY).queryParam("status", "running").when().get("/detached-tasks")
                .then().statusCode(200)
                .body("task_id", hasItem(taskId))
                .body("find { it.task_id == '%s' }.command[0]".formatted(taskId), containsString("echo line$i"))
                .body("find { it.task_id == '%s' }.push_interval".formatted(taskId), equalTo(15))
                .body("find { it.task_id == '%s' }.connection_args.password".formatted(taskId), equalTo("******"))
                .body("find { it.task_id == '%s' }.job_id".formatted(taskId), equalTo(id))
                .extract().asString();
        assertFalse(listed.contains(PASSWORD), listed);

        // read from 0 until all three lines are there (each GET is one query job on the device)
        String stdout = "";
        ValidatableResponse query = null;
        for (int i = 0; i < 500 && !stdout.endsWith("line3\n"); i++) {
            query = given().header("X-API-KEY", KEY).queryParam("offset", 0).when()
                    .get("/detached-tasks/" + taskId).then().statusCode(200);
            stdout = query.extract().path("result[0].stdout");
        }
        assertEquals("line1\nline2\nline3\n", stdout);
        query.body("task_id", equalTo(taskId)).body("status", equalTo("running"))
                .body("result[0].command", equalTo("query"))
                .body("result[0].metadata.next_offset", equalTo(18))
                .body("result[0].metadata.completed", equalTo(false));
        // without an offset, reading goes on where the last query stopped
        given().header("X-API-KEY", KEY).when().get("/detached-tasks/" + taskId).then().statusCode(200)
                .body("result[0].stdout", equalTo(""));

        List<String> found = post("/detached-tasks/discover", """
                {"driver": "paramiko", "connection_args": %s}""".formatted(openSsh()))
                .then().statusCode(200).extract().path("tasks.task_id");
        assertTrue(found.contains(taskId), found.toString());

        given().header("X-API-KEY", KEY).when().delete("/detached-tasks/" + taskId).then().statusCode(200)
                .body("status", equalTo("killed")).body("task_id", equalTo(taskId));
        given().header("X-API-KEY", KEY).when().get("/detached-tasks/" + taskId).then().statusCode(404);
        given().header("X-API-KEY", KEY).when().get("/detached-tasks").then().statusCode(200)
                .body("task_id", not(hasItem(taskId)));
        List<String> after = post("/detached-tasks/discover", """
                {"driver": "paramiko", "connection_args": %s}""".formatted(openSsh()))
                .then().statusCode(200).extract().path("tasks.task_id");
        assertFalse(after.contains(taskId), "the process was killed: " + after);

        // clearing forgets tasks without touching them
        String second = post("/device/exec", """
                {"driver": "paramiko", "connection_args": %s, "detach": true, "command": "sleep 300"}"""
                .formatted(openSsh())).then().statusCode(201).extract().path("task_id");
        given().header("X-API-KEY", KEY).when().delete("/detached-tasks").then().statusCode(200)
                .body("status", equalTo("cleared"));
        given().header("X-API-KEY", KEY).when().get("/detached-tasks").then().statusCode(200).body("$", hasSize(0));
        // discover does not re-track, so kill the leftover through a command
        String cleanup = post("/device/exec", """
                {"driver": "paramiko", "connection_args": %s, "queue_strategy": "pinned",
                 "driver_args": {"kill_detached_task": "%s"}}""".formatted(openSsh(), second))
                .then().statusCode(201).extract().path("id");
        awaitEnd(cleanup).body("result.retval[0].stdout", equalTo("Task " + second + " killed."));
    }

    @Test
    void detachedTasksWithALoginFromACredential() {
        Assumptions.assumeTrue(sshd != null, "OpenSSH server not installed (" + OpenSshServer.SSHD
                + "): apt-get install openssh-server to run this test");
        // no username or password in the request: both come from the file provider, on the executor
        String login = """
                "connection_args": {"host": "127.0.0.1", "port": %d, "key_filename": "%s"},
                "credential": {"name": "file", "ref": "openssh.json"}""".formatted(sshd.port(), sshd.clientKey());
        Response launched = post("/device/exec", """
                {"driver": "paramiko", %s, "detach": true, "command": "sleep 300"}""".formatted(login));
        launched.then().statusCode(201);
        String taskId = launched.path("task_id");
        awaitEnd(launched.path("id")).body("status", equalTo("finished"));

        List<String> found = post("/detached-tasks/discover", """
                {"driver": "paramiko", %s}""".formatted(login)).then().statusCode(200).extract().path("tasks.task_id");
        assertTrue(found.contains(taskId), found.toString());
        given().header("X-API-KEY", KEY).when().get("/detached-tasks/" + taskId).then().statusCode(200)
                .body("status", equalTo("running"));
        given().header("X-API-KEY", KEY).when().delete("/detached-tasks/" + taskId).then().statusCode(200)
                .body("status", equalTo("killed"));

        post("/detached-tasks/discover", """
                {"driver": "paramiko", "connection_args": {"host": "127.0.0.1"}, "credential": {"name": "file"}}""")
                .then().statusCode(422).body("errors[0].loc", contains("body", "credential", "ref"));
    }

    @Test
    void detachedTaskLogIsPushedToTheWebhookWithItsOwnCursor() throws Exception {
        Assumptions.assumeTrue(sshd != null, "OpenSSH server not installed (" + OpenSshServer.SSHD
                + "): apt-get install openssh-server to run this test");
        String taskId = post("/device/exec", """
                {"driver": "paramiko", "connection_args": %s, "detach": true, "push_interval": 1,
                 "webhook": {"url": "%s", "secret": "push-hook-secret"},
                 "command": "for i in 1 2 3 4 5 6 7 8; do echo line$i; sleep 0.5; done; echo done-$((40+2)); (exit 3)"}"""
                .formatted(openSsh(), receiver.url("/pushes"))).then().statusCode(201).extract().path("task_id");

        List<JsonPath> pushes = new ArrayList<>();
        JsonPath last = null;
        while (last == null) {
            WebhookReceiver.Call call = receiver.next("/pushes", Duration.ofSeconds(60));
            assertFalse(call.body().contains(PASSWORD), call.body());
            if (call.header("X-NetPilot-Event").startsWith("job.")) {
                continue; // the launch job's own webhook
            }
            assertTrue(call.header("X-NetPilot-Signature").startsWith("sha256="), call.headers().toString());
            JsonPath push = JsonPath.from(call.body());
            assertEquals(taskId, push.getString("task_id"), call.body());
            assertEquals(call.header("X-NetPilot-Event"), push.getString("event_type"));
            pushes.add(push);
            if (push.getBoolean("final")) {
                last = push;
            }
        }
        StringBuilder output = new StringBuilder();
        long offset = 0;
        for (int i = 0; i < pushes.size(); i++) {
            JsonPath push = pushes.get(i);
            boolean isLast = i == pushes.size() - 1;
            assertEquals(i + 1, push.getInt("sequence"), "pushes arrive in order");
            assertEquals(offset, push.getLong("offset"), "each push starts where the previous one stopped");
            assertEquals(isLast ? "detached.completed" : "detached.log_push", push.getString("event_type"));
            assertEquals(isLast, push.getBoolean("final"));
            String chunk = push.getString("result.retval[0].stdout");
            assertTrue(isLast || !chunk.isEmpty(), "a push while the task runs carries new output");
            output.append(chunk);
            offset = push.getLong("next_offset");
        }
        assertEquals("line1\nline2\nline3\nline4\nline5\nline6\nline7\nline8\ndone-42\n", output.toString());
        assertTrue(pushes.size() >= 2, "the task ran for seconds, with a push every second: " + pushes.size());
        assertEquals("completed", last.getString("status"));
        assertEquals(3, last.getInt("exit_code"));
        assertEquals(output.length(), last.getLong("next_offset"));

        // the pushes kept their own cursor: a query without offset still starts at 0 (NetPulse shared one cursor)
        given().header("X-API-KEY", KEY).when().get("/detached-tasks/" + taskId).then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("result[0].stdout", equalTo(output.toString()));
        given().header("X-API-KEY", KEY).when().delete("/detached-tasks/" + taskId);
    }
}
