package dev.netpilot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netpilot.textfsm.CliTable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * TextFSM parse speed: every test output of an ntc-templates checkout parsed through the index, by our engine
 * (templates compiled once) and by Python's textfsm (Debian's python3-textfsm), in milliseconds per round.
 */
final class TextFsmSpeed {

    private static final int ROUNDS = 30;

    private record Case(String platform, String command, String text) {
    }

    private TextFsmSpeed() {
    }

    static Map<String, Object> run(Path root) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        if (!Files.isDirectory(root.resolve("templates")) || !Files.isDirectory(root.resolve("tests"))) {
            System.out.println("TextFSM speed skipped: no ntc-templates checkout at " + root);
            return results;
        }
        List<Case> cases = cases(root);
        CliTable table = CliTable.load(root.resolve("templates"));
        double[] rounds = new double[ROUNDS];
        for (int round = -10; round < ROUNDS; round++) { // ten warm-up rounds for the JIT
            long start = System.nanoTime();
            for (Case c : cases) {
                try {
                    table.parse(c.platform(), c.command(), c.text());
                } catch (RuntimeException e) {
                    // a case the index cannot serve counts as done, as on the Python side
                }
            }
            if (round >= 0) {
                rounds[round] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(rounds);
        results.put("textfsm_cases", cases.size());
        results.put("textfsm_round_ms", Math.round(rounds[ROUNDS / 2] * 10) / 10.0);
        Path script = dev.netpilot.local.LocalStack.home().resolve("bench/textfsm_baseline.py");
        Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), "--root", root.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (python.waitFor(20, TimeUnit.MINUTES) && python.exitValue() == 0) {
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            JsonNode json = Bench.json(output.substring(output.lastIndexOf('\n') + 1));
            results.put("python_textfsm_round_ms", Math.round(json.get("round_ms").asDouble() * 10) / 10.0);
        } else {
            python.destroyForcibly();
            System.out.println("Python textfsm baseline skipped: python3-textfsm is not installed "
                    + "(apt-get install python3-textfsm)");
        }
        return results;
    }

    private static List<Case> cases(Path root) throws Exception {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("tests"), 3)) {
            for (Path raw : files.filter(p -> p.toString().endsWith(".raw")).sorted().toList()) {
                Path commandDir = raw.getParent();
                cases.add(new Case(commandDir.getParent().getFileName().toString(),
                        commandDir.getFileName().toString().replace('_', ' '),
                        new String(Files.readAllBytes(raw), StandardCharsets.UTF_8)));
            }
        }
        return cases;
    }
}
