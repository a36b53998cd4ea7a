package dev.netpilot.textfsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the ntc-templates test corpus through the index, as the upstream project's own tests do with Python
 * textfsm: for every {@code tests/<platform>/<command_dir>/*.raw}, the parse must equal the {@code parsed_sample}
 * of its {@code .yml} (same number of records, same keys, equal values). The corpus directory is the system
 * property {@code ntc.templates.dir}, by default {@code ../shared/conformance/ntc-templates} next to the
 * repository root. Without it the test is skipped, except on CI ({@code CI=true}) where it fails.
 */
class NtcTemplatesConformanceTest {

    @Test
    void everyTestCaseParsesAsPythonTextfsmDoes() throws IOException {
        Path corpus = corpus();
        CliTable index = CliTable.load(templatesDir(corpus));
        Path tests = corpus.resolve("tests");
        List<Path> raws;
        try (Stream<Path> files = Files.walk(tests, 3)) {
            raws = files.filter(p -> p.toString().endsWith(".raw") && tests.relativize(p).getNameCount() == 3)
                    .sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        for (Path raw : raws) {
            String failure = check(index, raw);
            if (failure != null) {
                failures.add(tests.relativize(raw) + ": " + failure);
            }
        }
        System.out.println("TextFSM conformance: " + (raws.size() - failures.size()) + "/" + raws.size() + " passed");
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertTrue(raws.size() > 0, "no test cases under " + tests);
        assertEquals(List.of(), failures, "every ntc-templates test case must parse as Python textfsm parses it");
    }

    @Test
    void everyTemplateCompiles() throws IOException {
        Path templates = templatesDir(corpus());
        List<String> failures = new ArrayList<>();
        int count = 0;
        try (Stream<Path> files = Files.list(templates)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".textfsm")).sorted().toList()) {
                count++;
                try {
                    TextFsmTemplate.compile(file);
                } catch (TextFsmTemplateException e) {
                    failures.add(file.getFileName() + ": " + e.getMessage());
                }
            }
        }
        System.out.println("TextFSM templates compiled: " + (count - failures.size()) + "/" + count);
        assertEquals(List.of(), failures);
    }

    /** null when the case passes, else what differs. */
    private static String check(CliTable index, Path raw) throws IOException {
        String platform = raw.getParent().getParent().getFileName().toString();
        String command = raw.getParent().getFileName().toString().replace('_', ' ');
        Path yml = raw.resolveSibling(raw.getFileName().toString().replaceAll("\\.raw$", ".yml"));
        if (!Files.exists(yml)) {
            return "no " + yml.getFileName();
        }
        Map<String, Object> document = new Yaml().load(Files.readString(yml, StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> expected = document == null || document.get("parsed_sample") == null
                ? List.of() : (List<Map<String, Object>>) document.get("parsed_sample");
        List<Map<String, Object>> actual;
        try {
            actual = index.parse(platform, command, Files.readString(raw, StandardCharsets.UTF_8)).toMaps();
        } catch (TextFsmException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (actual.size() != expected.size()) {
            return expected.size() + " records expected, " + actual.size() + " parsed";
        }
        for (int i = 0; i < actual.size(); i++) {
            Map<String, Object> want = expected.get(i);
            Map<String, Object> got = actual.get(i);
            if (!want.keySet().equals(got.keySet())) {
                return "record " + i + " keys " + got.keySet() + ", expected " + want.keySet();
            }
            for (String key : want.keySet()) {
                if (!Objects.equals(want.get(key), got.get(key))) {
                    return "record " + i + " " + key + " = " + got.get(key) + ", expected " + want.get(key);
                }
            }
        }
        return null;
    }

    private static Path templatesDir(Path corpus) {
        Path packaged = corpus.resolve("ntc_templates/templates");
        return Files.isDirectory(packaged) ? packaged : corpus.resolve("templates");
    }

    private static Path corpus() {
        String property = System.getProperty("ntc.templates.dir");
        Path dir = property != null ? Paths.get(property) : defaultCorpus();
        if (dir == null || !Files.isDirectory(dir)) {
            String message = "ntc-templates corpus not found at " + dir
                    + " (set -Dntc.templates.dir to a checkout with templates/ and tests/)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            System.out.println("TextFSM conformance skipped: " + message);
            assumeTrue(false, message);
        }
        return dir;
    }

    /** ../shared/conformance/ntc-templates relative to the repository root (the directory holding mvnw). */
    private static Path defaultCorpus() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir.resolve("../shared/conformance/ntc-templates").normalize();
            }
        }
        return null;
    }
}
