package dev.netpilot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netpilot.simulator.SimulatedDevice;

/** The API as a client sees it: submit a job, wait for its end. */
final class Api {

    private final KeepAliveHttp http;

    Api(String url) {
        this.http = new KeepAliveHttp(url);
    }

    String submit(SimulatedDevice device, String strategy, String command) throws Exception {
        return Bench.json(exec(device, strategy, command, "")).get("id").asText();
    }

    /** Submits and waits in one call ({@code POST /device/exec?wait=}); checks the job succeeded. */
    JsonNode submitAndWait(SimulatedDevice device, String strategy, String command) throws Exception {
        return succeeded(exec(device, strategy, command, "?wait=60"));
    }

    private String exec(SimulatedDevice device, String strategy, String command, String query) throws Exception {
        String body = """
                {"driver": "netmiko", "queue_strategy": "%s", "command": "%s",
                 "connection_args": {"device_type": "cisco_ios", "host": "%s", "port": %d,
                                     "username": "admin", "password": "admin"}}"""
                .formatted(strategy, command, device.host(), device.port());
        KeepAliveHttp.Response created = http.send("POST", "/device/exec" + query, Bench.KEY, body);
        if (created.status() != 201) {
            throw new IllegalStateException("submit failed: " + created.status() + " " + created.body());
        }
        return created.body();
    }

    /** Waits for the job's end and checks it succeeded. */
    JsonNode awaitSuccess(String id) throws Exception {
        return succeeded(http.send("GET", "/jobs/" + id + "?wait=60", Bench.KEY, null).body());
    }

    private static JsonNode succeeded(String body) throws Exception {
        JsonNode job = Bench.json(body);
        if (!"finished".equals(job.path("status").asText()) || job.at("/result/retval/0/exit_status").asInt(-1) != 0) {
            throw new IllegalStateException("job did not succeed: " + body);
        }
        return job;
    }

    String post(String path, String body) throws Exception {
        KeepAliveHttp.Response response = http.send("POST", path, Bench.KEY, body);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(path + " failed: " + response.status() + " " + response.body());
        }
        return response.body();
    }

    String get(String path) throws Exception {
        return http.send("GET", path, Bench.KEY, null).body();
    }

    /** Milliseconds per job: seen by the client, of which the submit call, and the job's own queue time and run time. */
    record Samples(double[] total, double[] submit, double[] queued, double[] running) {
    }

    /** {@code jobs} pinned show version jobs one at a time, waited for both ways in turn, so that both paths are warm. */
    void warmUp(SimulatedDevice device, int jobs) throws Exception {
        for (int i = 0; i < jobs; i++) {
            if (i % 2 == 0) {
                submitAndWait(device, "pinned", "show version");
            } else {
                awaitSuccess(submit(device, "pinned", "show version"));
            }
        }
    }

    /** show version one job at a time, submitted and awaited in one call (warm up first); milliseconds per job. */
    double[] sequentialOneCall(SimulatedDevice device, String strategy, int samples) throws Exception {
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            submitAndWait(device, strategy, "show version");
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    /** show version one job at a time: submit, wait; the samples after the warm-up. */
    Samples sequential(SimulatedDevice device, String strategy, int warmup, int samples) throws Exception {
        Samples result = new Samples(new double[samples], new double[samples], new double[samples], new double[samples]);
        for (int i = 0; i < warmup + samples; i++) {
            long start = System.nanoTime();
            String id = submit(device, strategy, "show version");
            long submitted = System.nanoTime();
            JsonNode job = awaitSuccess(id);
            if (i >= warmup) {
                result.total()[i - warmup] = (System.nanoTime() - start) / 1e6;
                result.submit()[i - warmup] = (submitted - start) / 1e6;
                result.queued()[i - warmup] = job.path("queue_time").asDouble() * 1000;
                result.running()[i - warmup] = job.path("duration").asDouble() * 1000;
            }
        }
        return result;
    }
}
