package dev.netpilot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.cli.SshCliDriver;
import dev.netpilot.local.LocalStack;
import dev.netpilot.simulator.SimulatedDevice;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Latency of {@code show version}, in one run on one machine:
 * <ul>
 *   <li><b>path</b>: the whole product, HTTP submit plus {@code GET /jobs/{id}?wait=} until the job ended, through
 *       Redis, the executor and SSH to a simulated device (FIFO: a fresh login per job);</li>
 *   <li><b>floor</b>: the same command straight through the SSH driver on a kept session.</li>
 * </ul>
 * Usage: {@code bench/run.sh [--samples N] [--warmup N]}.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "bench-key";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = option(args, "--samples", 100);
        int warmup = option(args, "--warmup", 200);
        Path home = LocalStack.home();
        Path log = home.resolve("bench/target/bench-services.log");
        Files.createDirectories(log.getParent());
        try (PrintStream serviceLog = new PrintStream(new FileOutputStream(log.toFile()), true);
             LocalStack stack = LocalStack.start(new LocalStack.Options(home, null, 0, 0, 0, KEY, 2, 0, serviceLog))) {
            SimulatedDevice device = stack.simulator().device(0);
            double[] floor = floor(device, warmup, samples);
            PathSamples path = wholePath(stack.apiUrl(), stack.simulator().device(1), warmup, samples);
            report(samples, path, floor, home.resolve("bench/results/latest.json"));
        }
        System.exit(0);
    }

    /** show version on one kept session, straight through the driver. */
    private static double[] floor(SimulatedDevice device, int warmup, int samples) throws Exception {
        ConnectionSpec spec = ConnectionSpec.from(Map.of("device_type", "cisco_ios", "host", device.host(),
                "port", device.port(), "username", "admin", "password", "admin"));
        DeviceSession session = new SshCliDriver().open(spec).toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            double[] millis = new double[samples];
            for (int i = 0; i < warmup + samples; i++) {
                long start = System.nanoTime();
                session.send("show version", CommandOptions.defaults()).toCompletableFuture().get(30, TimeUnit.SECONDS);
                if (i >= warmup) {
                    millis[i - warmup] = (System.nanoTime() - start) / 1e6;
                }
            }
            return millis;
        } finally {
            session.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Client-side totals, and the job's own queue time and run time, in milliseconds. */
    private record PathSamples(double[] total, double[] queueTime, double[] runTime) {
    }

    /** POST /device/exec then GET /jobs/{id}?wait=30, one job at a time. */
    private static PathSamples wholePath(String api, SimulatedDevice device, int warmup, int samples) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = """
                {"driver": "netmiko", "queue_strategy": "fifo",
                 "connection_args": {"device_type": "cisco_ios", "host": "%s", "port": %d,
                                     "username": "admin", "password": "admin"},
                 "command": "show version"}""".formatted(device.host(), device.port());
        PathSamples result = new PathSamples(new double[samples], new double[samples], new double[samples]);
        for (int i = 0; i < warmup + samples; i++) {
            long start = System.nanoTime();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api + "/device/exec"))
                    .header("X-API-KEY", KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("submit failed: " + created.statusCode() + " " + created.body());
            }
            String id = JSON.readTree(created.body()).get("id").asText();
            HttpResponse<String> ended = http.send(HttpRequest.newBuilder(URI.create(api + "/jobs/" + id + "?wait=30"))
                    .header("X-API-KEY", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode job = JSON.readTree(ended.body());
            if (!"finished".equals(job.path("status").asText())
                    || job.at("/result/retval/0/exit_status").asInt(-1) != 0) {
                throw new IllegalStateException("job did not succeed: " + ended.body());
            }
            if (i >= warmup) {
                result.total()[i - warmup] = (System.nanoTime() - start) / 1e6;
                result.queueTime()[i - warmup] = job.path("queue_time").asDouble() * 1000;
                result.runTime()[i - warmup] = job.path("duration").asDouble() * 1000;
            }
        }
        return result;
    }

    private static void report(int samples, PathSamples pathSamples, double[] floor, Path json) throws Exception {
        double[] path = pathSamples.total();
        double pathP50 = percentile(path, 50);
        double floorP50 = percentile(floor, 50);
        System.out.println();
        System.out.printf("show version, %d samples each, one run (%d cores, JDK %s)%n%n", samples,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("| measurement | p50 ms | p99 ms |");
        System.out.println("|---|---|---|");
        System.out.printf("| whole path: HTTP submit + wait, FIFO (fresh SSH login per job) | %.2f | %.2f |%n",
                pathP50, percentile(path, 99));
        System.out.printf("| ... of which queued (job queue_time) | %.2f | %.2f |%n",
                percentile(pathSamples.queueTime(), 50), percentile(pathSamples.queueTime(), 99));
        System.out.printf("| ... of which running: login, command, logout (job duration) | %.2f | %.2f |%n",
                percentile(pathSamples.runTime(), 50), percentile(pathSamples.runTime(), 99));
        System.out.printf("| floor: driver on a kept session | %.3f | %.3f |%n", floorP50, percentile(floor, 99));
        System.out.printf("%nwhole path / floor (p50): %.1fx%n", pathP50 / floorP50);

        ObjectNode out = JSON.createObjectNode();
        out.put("fifo_path_p50_ms", round(pathP50));
        out.put("fifo_path_p99_ms", round(percentile(path, 99)));
        out.put("floor_p50_ms", round(floorP50));
        out.put("floor_p99_ms", round(percentile(floor, 99)));
        out.put("samples", samples);
        out.putObject("machine").put("cores", Runtime.getRuntime().availableProcessors())
                .put("jdk", System.getProperty("java.version"));
        out.put("date", Instant.now().toString());
        Files.createDirectories(json.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), out);
        System.out.println("written to " + json);
    }

    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
