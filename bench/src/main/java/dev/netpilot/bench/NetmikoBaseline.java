package dev.netpilot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netpilot.simulator.SimulatedDevice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs bench/netmiko_baseline.py (Debian's python3-netmiko) against a simulated device. */
final class NetmikoBaseline {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private NetmikoBaseline() {
    }

    static Map<String, Object> run(SimulatedDevice device) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        Path script = dev.netpilot.local.LocalStack.home().resolve("bench/netmiko_baseline.py");
        if (!Files.isExecutable(PYTHON) || !netmikoInstalled()) {
            System.out.println("netmiko baseline skipped: python3-netmiko is not installed (apt-get install python3-netmiko)");
            return results;
        }
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), "--host", device.host(),
                "--port", String.valueOf(device.port())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            System.out.println("netmiko baseline failed (exit " + (process.isAlive() ? "timeout" : process.exitValue()) + ")");
            return results;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        JsonNode json = Bench.json(output.substring(output.lastIndexOf('\n') + 1));
        results.put("netmiko_warm_p50_ms", Math.round(json.get("warm_p50_ms").asDouble() * 1000) / 1000.0);
        results.put("netmiko_cold_p50_ms", Math.round(json.get("cold_p50_ms").asDouble() * 1000) / 1000.0);
        return results;
    }

    private static boolean netmikoInstalled() throws IOException, InterruptedException {
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import netmiko")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
    }
}
