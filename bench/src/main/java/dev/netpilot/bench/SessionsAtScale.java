package dev.netpilot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netpilot.local.LocalStack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One executor holding a pinned session to each of 10,000 simulated devices: its heap after a GC, its live
 * threads and its CPU while the sessions sit idle (SSH keepalives and deep probes only). The devices live in
 * simulator processes of 5,000 each, so that no process needs more than 20,000 file descriptors.
 */
final class SessionsAtScale {

    private static final int PER_SIMULATOR = 5000;
    private static final int IDLE_WINDOW_SECONDS = 60;
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private SessionsAtScale() {
    }

    static Map<String, Object> run(Path home, int devices, PrintStream log) throws Exception {
        List<Process> simulators = new ArrayList<>();
        Map<String, Object> results = new LinkedHashMap<>();
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(home, null, 0, 0, 0, Bench.KEY, 0, 0, log))) {
            List<Integer> basePorts = new ArrayList<>();
            for (int start = 0; start < devices; start += PER_SIMULATOR) {
                int basePort = 20000 + start;
                simulators.add(simulator(home, Math.min(PER_SIMULATOR, devices - start), basePort));
                basePorts.add(basePort);
            }
            Api api = new Api(stack.apiUrl());
            long started = System.nanoTime();
            List<String> batches = new ArrayList<>();
            for (int first = 0; first < devices; first += 500) {
                StringBuilder list = new StringBuilder();
                for (int i = first; i < Math.min(devices, first + 500); i++) {
                    int port = basePorts.get(i / PER_SIMULATOR) + i % PER_SIMULATOR;
                    list.append(list.isEmpty() ? "" : ",").append("{\"port\":").append(port).append('}');
                }
                String body = """
                        {"driver": "netmiko", "command": "show clock", "ttl": 3600,
                         "connection_args": {"device_type": "cisco_ios", "host": "127.0.0.1",
                                             "username": "admin", "password": "admin"},
                         "devices": [%s]}""".formatted(list);
                batches.add(Bench.json(api.post("/device/bulk", body)).get("batch_id").asText());
            }
            for (String batch : batches) {
                awaitBatch(api, batch);
            }
            System.out.printf("10,000 pinned sessions opened and served in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
            JsonNode worker = Bench.json(api.get("/workers")).get(0);
            long pid = worker.get("pid").asLong();
            results.put("sessions_10k_open", worker.get("sessions").asInt());
            long cpuBefore = cpuTicks(pid);
            Thread.sleep(IDLE_WINDOW_SECONDS * 1000L);
            long ticks = cpuTicks(pid) - cpuBefore;
            results.put("sessions_10k_idle_cpu_percent",
                    Math.round(ticks * 100.0 / (100.0 * IDLE_WINDOW_SECONDS) * 100) / 100.0);
            results.put("sessions_10k_heap_mb", heapAfterGc(pid));
            results.put("sessions_10k_threads", threads(pid));
            results.put("sessions_10k_still_open", Bench.json(api.get("/workers")).get(0).get("sessions").asInt());
        } finally {
            simulators.forEach(Process::destroy);
        }
        return results;
    }

    private static Process simulator(Path home, int devices, int basePort) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", home.resolve("bench/target/lib").toString() + "/*", "dev.netpilot.simulator.DeviceSimulator",
                "--devices", String.valueOf(devices), "--base-port", String.valueOf(basePort))
                .redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        String last = String.format("%03d ", devices);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.contains("-" + last.strip() + " ")) {
                        ready.countDown();
                    }
                }
            } catch (Exception e) {
                // the simulator ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the simulator on port " + basePort + " did not start");
        }
        return process;
    }

    private static void awaitBatch(Api api, String batch) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            JsonNode progress = Bench.json(api.get("/batches/" + batch));
            if (progress.get("done").asBoolean()) {
                if (progress.at("/counts/finished").asInt() != progress.get("total").asInt()) {
                    throw new IllegalStateException("some jobs did not finish: " + progress);
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("batch " + batch + " did not end: " + progress);
            }
            Thread.sleep(500);
        }
    }

    /** User plus system CPU time of a process, in clock ticks (1/100 s). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static int threads(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).strip());
            }
        }
        return -1;
    }

    private static long heapAfterGc(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        Process info = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
        String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor(60, TimeUnit.SECONDS);
        Matcher used = HEAP_USED.matcher(text);
        return used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
    }
}
