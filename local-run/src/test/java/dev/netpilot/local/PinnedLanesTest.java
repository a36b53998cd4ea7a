package dev.netpilot.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pinned execution with two executor processes: order per device, one kept session per device, devices shared
 * per the scheduler, and nothing lost when an executor is killed with SIGKILL in the middle of a run.
 */
class PinnedLanesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static TestStack services;
    private static LocalStack stack;
    private static String apiUrl;
    private static String key = "lanes-key";

    /** Points the submit/awaitEnd helpers at another test's stack. */
    static void useStack(String url, String apiKey) {
        apiUrl = url;
        key = apiKey;
    }

    @BeforeAll
    static void startStack() throws Exception {
        services = TestStack.start("lanes", "lanes-key", 60, 2, Map.of("np.executor.capacity", "40",
                "np.executor.heartbeat-interval", "300ms", "np.executor.dead-after", "2s",
                "np.executor.read-block", "500ms"));
        stack = services.stack;
        useStack(stack.apiUrl(), "lanes-key");
    }

    @AfterAll
    static void stopStack() {
        if (services != null) {
            services.close();
        }
    }

    static String submit(SimulatedDevice device, String command) throws Exception {
        return submitWith(device, command, "pinned", "");
    }

    /** Submits with a queue strategy and extra connection_args (a JSON fragment starting with a comma, or empty). */
    static String submitWith(SimulatedDevice device, String command, String strategy, String extraArgs)
            throws Exception {
        String body = """
                {"driver": "netmiko", "command": "%s", "queue_strategy": "%s",
                 "connection_args": {"device_type": "cisco_ios", "host": "%s", "port": %d,
                                     "username": "admin", "password": "admin"%s}}"""
                .formatted(command, strategy, device.host(), device.port(), extraArgs);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/device/exec"))
                .header("X-API-KEY", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("id").asText();
    }

    static JsonNode awaitEnd(String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/jobs/" + id
                + "?wait=60")).header("X-API-KEY", key).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode job = JSON.readTree(response.body());
        assertTrue(Set.of("finished", "failed", "cancelled").contains(job.get("status").asText()),
                "job did not end within 60 s: " + response.body());
        return job;
    }

    private static long micros(JsonNode job, String field) {
        OffsetDateTime at = OffsetDateTime.parse(job.get(field).asText());
        return at.toEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }

    /** Jobs of one device never overlap: each starts after the one before it ended. */
    private static void assertSerial(List<JsonNode> jobs, String device) {
        List<JsonNode> byStart = new ArrayList<>(jobs);
        byStart.removeIf(j -> j.get("started_at").isNull());
        byStart.sort(Comparator.comparingLong(j -> micros(j, "started_at")));
        for (int i = 1; i < byStart.size(); i++) {
            assertTrue(micros(byStart.get(i - 1), "ended_at") <= micros(byStart.get(i), "started_at"),
                    device + ": two jobs ran at once: " + byStart.get(i - 1) + " and " + byStart.get(i));
        }
    }

    @Test
    void aThousandJobsFromConcurrentClientsRunInSubmissionOrderOnOneSession() throws Exception {
        SimulatedDevice device = stack.simulator().device(0);
        int clients = 4;
        int perClient = 250;
        record Submitted(String id, long submittedNanos, long acceptedNanos) {
        }
        List<List<Submitted>> byClient = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Submitted>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    List<Submitted> mine = new ArrayList<>();
                    for (int i = 0; i < perClient; i++) {
                        long before = System.nanoTime();
                        String id = submit(device, "show clock");
                        mine.add(new Submitted(id, before, System.nanoTime()));
                    }
                    return mine;
                }));
            }
            for (Future<List<Submitted>> future : futures) {
                byClient.add(future.get());
            }
        } finally {
            pool.shutdown();
        }
        Map<String, JsonNode> jobs = new HashMap<>();
        for (List<Submitted> client : byClient) {
            for (Submitted s : client) {
                jobs.put(s.id(), awaitEnd(s.id()));
            }
        }
        assertEquals(clients * perClient, jobs.size());
        int fresh = 0;
        Set<String> workers = new HashSet<>();
        for (JsonNode job : jobs.values()) {
            assertEquals("finished", job.get("status").asText(), job.toString());
            assertEquals(0, job.at("/result/retval/0/exit_status").asInt(), job.toString());
            if (!job.at("/result/retval/0/metadata/session_reused").asBoolean()) {
                fresh++;
            }
            workers.add(job.get("worker").asText());
        }
        assertEquals(1, fresh, "one login serves all 1,000 jobs");
        assertEquals(1, workers.size(), "one executor owns the device: " + workers);
        assertSerial(new ArrayList<>(jobs.values()), device.hostname());
        // Submission order: a job accepted before another was submitted (by any client) started before it.
        List<Submitted> all = byClient.stream().flatMap(List::stream)
                .sorted(Comparator.comparingLong(Submitted::submittedNanos)).toList();
        List<Submitted> byAccepted = byClient.stream().flatMap(List::stream)
                .sorted(Comparator.comparingLong(Submitted::acceptedNanos)).toList();
        long latestStartAcceptedBefore = Long.MIN_VALUE;
        int accepted = 0;
        for (Submitted later : all) {
            while (accepted < byAccepted.size() && byAccepted.get(accepted).acceptedNanos() < later.submittedNanos()) {
                latestStartAcceptedBefore = Math.max(latestStartAcceptedBefore,
                        micros(jobs.get(byAccepted.get(accepted).id()), "started_at"));
                accepted++;
            }
            assertTrue(latestStartAcceptedBefore < micros(jobs.get(later.id()), "started_at"),
                    "job " + later.id() + " started before a job accepted earlier");
        }
    }

    @Test
    void fiftyDevicesAreSharedByTheTwoExecutors() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 10; i < 60; i++) {
            ids.add(submit(stack.simulator().device(i), "show version"));
        }
        Map<String, Integer> perWorker = new HashMap<>();
        for (String id : ids) {
            JsonNode job = awaitEnd(id);
            assertEquals("finished", job.get("status").asText(), job.toString());
            assertTrue(job.get("queue").asText().startsWith("HostQ_admin@127.0.0.1:"), job.toString());
            perWorker.merge(job.get("worker").asText(), 1, Integer::sum);
        }
        assertEquals(2, perWorker.size(), "both executors own devices: " + perWorker);
        perWorker.values().forEach(count -> assertTrue(count <= 40, "capacity 40 is respected: " + perWorker));
    }

    @Test
    void aDroppedSessionIsReopenedAndAnInterruptedCommandSaysWhy() throws Exception {
        SimulatedDevice device = stack.simulator().device(1);
        assertEquals("finished", awaitEnd(submit(device, "show clock")).get("status").asText());
        device.dropSessions();
        JsonNode afterIdleDrop = awaitEnd(submit(device, "show clock"));
        assertEquals(0, afterIdleDrop.at("/result/retval/0/exit_status").asInt(), afterIdleDrop.toString());
        assertFalse(afterIdleDrop.at("/result/retval/0/metadata/session_reused").asBoolean(),
                "a session the device dropped is not reused");

        try (DeviceSimulator slow = DeviceSimulator.start(SimulatorConfig.builder()
                .latency(Duration.ofMillis(1500)).build())) {
            SimulatedDevice slowDevice = slow.device(0);
            assertEquals("finished", awaitEnd(submit(slowDevice, "show clock")).get("status").asText());
            String interrupted = submit(slowDevice, "show version");
            Thread.sleep(400); // let the command reach the device before it drops the session
            slowDevice.dropSessions();
            JsonNode job = awaitEnd(interrupted);
            assertEquals(1, job.at("/result/retval/0/exit_status").asInt(), job.toString());
            assertTrue(job.at("/result/retval/0/stderr").asText().contains("closed the session"), job.toString());
            JsonNode next = awaitEnd(submit(slowDevice, "show clock"));
            assertEquals(0, next.at("/result/retval/0/exit_status").asInt(), next.toString());
        }
    }

    @Test
    void theDeviceSessionLimitHoldsUnderConcurrentFifoAndPinnedLoad() throws Exception {
        int limit = 2;
        try (DeviceSimulator slow = DeviceSimulator.start(SimulatorConfig.builder().maxSessions(limit + 1)
                .latency(Duration.ofMillis(100)).build())) {
            SimulatedDevice device = slow.device(0);
            int[] mostSeen = {0};
            Thread watcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    mostSeen[0] = Math.max(mostSeen[0], device.activeSessions());
                    Thread.onSpinWait();
                }
            });
            watcher.setDaemon(true);
            watcher.start();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String strategy = i % 3 == 0 ? "pinned" : "fifo";
                ids.add(submitWith(device, "show clock", strategy, ", \"session_limit\": " + limit));
            }
            for (String id : ids) {
                JsonNode job = awaitEnd(id);
                assertEquals("finished", job.get("status").asText(), job.toString());
                assertEquals(0, job.at("/result/retval/0/exit_status").asInt(), job.toString());
            }
            watcher.interrupt();
            assertTrue(mostSeen[0] <= limit, "the device saw " + mostSeen[0] + " sessions at once; limit " + limit);
        }
    }

    @Test
    void killingAnExecutorMidRunLosesNoJobAndKeepsOrder() throws Exception {
        int devices = 20;
        int rounds = 8;
        try (DeviceSimulator slow = DeviceSimulator.start(SimulatorConfig.builder().devices(devices)
                .latency(Duration.ofMillis(300)).build())) {
            stack.startExecutor(0); // a third executor, so that two survive
            Map<Integer, List<String>> perDevice = new HashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (int d = 0; d < devices; d++) {
                    perDevice.computeIfAbsent(d, k -> new ArrayList<>()).add(submit(slow.device(d),
                            round % 2 == 0 ? "show version" : "show clock"));
                }
            }
            // Kill the owner of the first device while the later rounds are still running or queued.
            String owner = awaitEnd(perDevice.get(0).get(0)).get("worker").asText();
            stack.killExecutor(LocalStack.executorIndex(owner));

            int finished = 0;
            int interrupted = 0;
            boolean movedToAnotherExecutor = false;
            StringBuilder seen = new StringBuilder("killed " + owner + "; workers per device:");
            for (Map.Entry<Integer, List<String>> device : perDevice.entrySet()) {
                List<JsonNode> jobs = new ArrayList<>();
                Set<String> workers = new HashSet<>();
                for (String id : device.getValue()) {
                    JsonNode job = awaitEnd(id);
                    jobs.add(job);
                    if ("finished".equals(job.get("status").asText())) {
                        finished++;
                        workers.add(job.get("worker").asText());
                    } else {
                        assertEquals("Interrupted", job.at("/result/error/type").asText(), job.toString());
                        interrupted++;
                    }
                }
                movedToAnotherExecutor |= workers.size() > 1;
                seen.append(' ').append(device.getKey()).append('=').append(workers);
                assertSerial(jobs, "device " + device.getKey());
                long previous = Long.MIN_VALUE;
                for (JsonNode job : jobs) { // submission order per device
                    if ("finished".equals(job.get("status").asText())) {
                        long started = micros(job, "started_at");
                        assertTrue(previous < started, "device " + device.getKey() + " ran jobs out of order");
                        previous = started;
                    }
                }
            }
            assertEquals(devices * rounds, finished + interrupted, "every job ended");
            assertTrue(interrupted <= devices, "at most the running job of each device was interrupted");
            assertTrue(movedToAnotherExecutor, "the devices of the killed executor moved to a live one: " + seen);
        }
    }
}
