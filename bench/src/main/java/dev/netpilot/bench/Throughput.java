package dev.netpilot.bench;

import dev.netpilot.simulator.SimulatedDevice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Concurrent clients submitting pinned jobs over many devices for a fixed time. */
final class Throughput {

    record Result(double jobsPerSecond, double p50, double p99) {
    }

    private Throughput() {
    }

    static Result run(Api api, List<SimulatedDevice> devices, int clients, int seconds) throws Exception {
        for (SimulatedDevice device : devices) { // every device gets its owner and session first
            api.awaitSuccess(api.submit(device, "pinned", "show clock"));
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Double>>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                List<Double> latencies = new ArrayList<>();
                for (int i = client; System.nanoTime() < deadline; i += clients) {
                    long t = System.nanoTime();
                    api.awaitSuccess(api.submit(devices.get(i % devices.size()), "pinned", "show version"));
                    latencies.add((System.nanoTime() - t) / 1e6);
                }
                return latencies;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> future : futures) {
            all.addAll(future.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double[] values = all.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(Math.round(all.size() / elapsed * 10) / 10.0, Bench.percentile(values, 50),
                Bench.percentile(values, 99));
    }
}
