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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmarks of the product, in one run on one machine; prints a markdown table and writes
 * {@code bench/results/latest.json}. Nothing is asserted. Usage:
 * {@code bench/run.sh [--samples N] [--warmup N] [--duration S] [--skip-10k] [--skip-netmiko] [--skip-textfsm]}
 * ({@code -Dntc.templates.dir=} points at another ntc-templates checkout).
 * <ol>
 *   <li>warm pinned latency through the whole path (HTTP submit + wait), next to the floor: the same command
 *       straight through the driver on a kept session;</li>
 *   <li>cold FIFO latency (a fresh login per job);</li>
 *   <li>sustained throughput with 200 simulated devices and concurrent clients;</li>
 *   <li>10,000 pinned devices held by one executor: heap, threads, keepalive CPU;</li>
 *   <li>the per-command cost of a netmiko worker on the same simulated device;</li>
 *   <li>TextFSM parse speed against Python's textfsm on the ntc-templates test outputs.</li>
 * </ol>
 */
public final class Bench {

    static final String KEY = "bench-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = option(args, "--samples", 2000);
        int warmup = option(args, "--warmup", 20000);
        int duration = option(args, "--duration", 20);
        List<String> flags = Arrays.asList(args);
        Path home = LocalStack.home();
        Path logFile = home.resolve("bench/target/bench-services.log");
        Files.createDirectories(logFile.getParent());
        Map<String, Object> results = new LinkedHashMap<>();
        try (PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile()), true)) {
            try (LocalStack stack = LocalStack.start(new LocalStack.Options(home, null, 0, 0, 0, KEY, 200, 0, log))) {
                Api api = new Api(stack.apiUrl());
                SimulatedDevice first = stack.simulator().device(0);
                double[] floor = floor(first, warmup, samples);
                // Steady state first: on two cores the services' JIT needs some 20,000 jobs to settle.
                api.warmUp(stack.simulator().device(1), warmup);
                Api.Samples warm = api.sequential(stack.simulator().device(1), "pinned", 0, samples);
                double[] oneCall = api.sequentialOneCall(stack.simulator().device(1), "pinned", samples);
                Api.Samples cold = api.sequential(stack.simulator().device(2), "fifo", samples / 4, samples / 2);
                results.put("warm_p50_ms", percentile(warm.total(), 50));
                results.put("warm_p99_ms", percentile(warm.total(), 99));
                results.put("warm_submit_p50_ms", percentile(warm.submit(), 50));
                results.put("warm_one_call_p50_ms", percentile(oneCall, 50));
                results.put("warm_one_call_p99_ms", percentile(oneCall, 99));
                results.put("warm_queued_p50_ms", percentile(warm.queued(), 50));
                results.put("warm_running_p50_ms", percentile(warm.running(), 50));
                results.put("floor_p50_ms", percentile(floor, 50));
                results.put("floor_p99_ms", percentile(floor, 99));
                results.put("cold_p50_ms", percentile(cold.total(), 50));
                results.put("cold_p99_ms", percentile(cold.total(), 99));
                Throughput.Result load = Throughput.run(api, stack.simulator().devices(), 32, duration);
                results.put("throughput_jobs_per_s", load.jobsPerSecond());
                results.put("throughput_p50_ms", load.p50());
                results.put("throughput_p99_ms", load.p99());
                if (!flags.contains("--skip-netmiko")) {
                    results.putAll(NetmikoBaseline.run(stack.simulator().device(3)));
                }
            }
            if (!flags.contains("--skip-10k")) {
                results.putAll(SessionsAtScale.run(home, 10_000, log));
            }
            if (!flags.contains("--skip-textfsm")) {
                results.putAll(TextFsmSpeed.run(Path.of(System.getProperty("ntc.templates.dir",
                        home.resolve("../shared/conformance/ntc-templates").normalize().toString()))));
            }
        }
        report(results, home.resolve("bench/results/latest.json"));
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

    private static void report(Map<String, Object> results, Path json) throws Exception {
        System.out.println();
        System.out.printf("NetPilot benchmarks (%d cores, JDK %s, %s)%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Instant.now());
        System.out.println("| measurement | value |");
        System.out.println("|---|---|");
        row(results, "warm pinned show version, whole path (HTTP submit + wait), p50 / p99 ms", "warm_p50_ms",
                "warm_p99_ms");
        row(results, "... of which the submit call (POST /device/exec answered), p50 ms", "warm_submit_p50_ms");
        row(results, "... of which queued (job queue_time) / running (job duration), p50 ms", "warm_queued_p50_ms",
                "warm_running_p50_ms");
        row(results, "warm pinned show version, submit and wait in one call (POST /device/exec?wait=), p50 / p99 ms",
                "warm_one_call_p50_ms", "warm_one_call_p99_ms");
        row(results, "floor: the same command on a kept session, straight through the driver, p50 / p99 ms",
                "floor_p50_ms", "floor_p99_ms");
        row(results, "cold FIFO job (fresh SSH login per job), whole path, p50 / p99 ms", "cold_p50_ms", "cold_p99_ms");
        row(results, "sustained throughput, 200 devices, 32 clients, jobs/s", "throughput_jobs_per_s");
        row(results, "... latency under that load, p50 / p99 ms", "throughput_p50_ms", "throughput_p99_ms");
        row(results, "netmiko worker, warm session, show version, p50 ms", "netmiko_warm_p50_ms");
        row(results, "netmiko worker, connect per job, p50 ms", "netmiko_cold_p50_ms");
        row(results, "10,000 pinned sessions in one executor: heap after GC, MB", "sessions_10k_heap_mb");
        row(results, "... live threads", "sessions_10k_threads");
        row(results, "... CPU while idle (keepalives and probes), % of one core", "sessions_10k_idle_cpu_percent");
        row(results, "TextFSM: every ntc-templates test output through the index, ms per round", "textfsm_round_ms");
        row(results, "... the same with Python textfsm 1.1, ms per round", "python_textfsm_round_ms");
        System.out.println();
        ratio(results, "whole path / floor (warm p50)", "warm_p50_ms", "floor_p50_ms");
        ratio(results, "netmiko warm / NetPilot warm pinned path (p50)", "netmiko_warm_p50_ms", "warm_p50_ms");
        ratio(results, "netmiko connect-per-job / NetPilot cold FIFO (p50)", "netmiko_cold_p50_ms", "cold_p50_ms");
        ratio(results, "Python textfsm / our TextFSM engine (per round)", "python_textfsm_round_ms", "textfsm_round_ms");

        ObjectNode out = JSON.valueToTree(results);
        out.putObject("machine").put("cores", Runtime.getRuntime().availableProcessors())
                .put("jdk", System.getProperty("java.version"));
        out.put("date", Instant.now().toString());
        Files.createDirectories(json.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), out);
        System.out.println("written to " + json);
    }

    private static void row(Map<String, Object> results, String label, String... keys) {
        StringBuilder value = new StringBuilder();
        for (String key : keys) {
            if (!value.isEmpty()) {
                value.append(" / ");
            }
            Object v = results.get(key);
            value.append(v == null ? "not measured" : v instanceof Double d ? String.format("%.2f", d) : v);
        }
        System.out.println("| " + label + " | " + value + " |");
    }

    private static void ratio(Map<String, Object> results, String label, String numerator, String denominator) {
        if (results.get(numerator) instanceof Number n && results.get(denominator) instanceof Number d
                && d.doubleValue() > 0) {
            System.out.printf("%s: %.1fx%n", label, n.doubleValue() / d.doubleValue());
        }
    }

    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, Math.min(sorted.length - 1, index))] * 1000) / 1000.0;
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
