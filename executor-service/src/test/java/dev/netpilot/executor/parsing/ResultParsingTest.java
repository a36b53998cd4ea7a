package dev.netpilot.executor.parsing;

import dev.netpilot.job.CommandResult;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.JobJson;
import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.plugin.PluginLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The post-processor on result entries as a driver returns them: no device, no Redis. */
class ResultParsingTest {

    private static final Path NTC = Path.of("../../shared/conformance/ntc-templates/templates");
    private static final Map<String, Object> HOST = Map.of("host", "r1", "duration_seconds", 0.01);

    private static ExecutionRequest request(String parsing) {
        return JobJson.read("""
                {"driver": "netmiko", "connection_args": {"device_type": "cisco_ios", "host": "r1"},
                 "command": ["show a", "show b"], "parsing": %s}""".formatted(parsing), ExecutionRequest.class);
    }

    private static List<CommandResult> parse(ResultParsing parsing, String spec, CommandResult... entries) {
        return parsing.apply(request(spec), List.of(entries));
    }

    private static final ResultParsing WITHOUT_NTC =
            new ResultParsing(PluginLoader.of(Optional.empty(), PluginConfig.of(Map.of())));

    @Test
    void eachEntryGetsItsRecords() {
        List<CommandResult> parsed = parse(WITHOUT_NTC, "{\"name\": \"regex\", \"template\": \"(?P<intf>Gi\\\\S+) (?P<state>up|down)\"}",
                CommandResult.ok("show a", "Gi0/1 up\nGi0/2 down", HOST), CommandResult.ok("show b", "nothing", HOST));
        assertEquals(List.of(Map.of("intf", "Gi0/1", "state", "up"), Map.of("intf", "Gi0/2", "state", "down")),
                parsed.get(0).parsed());
        assertEquals(List.of(), parsed.get(1).parsed());
        assertEquals(HOST, parsed.get(0).metadata());
    }

    @Test
    void pyeapiTextResultsAreParsedFromTheirOutput() {
        Map<String, Object> text = Map.of("command", "show a", "encoding", "text",
                "result", Map.of("output", "Gi0/1 up\n"));
        Map<String, Object> json = Map.of("command", "show b", "encoding", "json", "result", Map.of("up", true));
        List<CommandResult> parsed = parse(WITHOUT_NTC, "{\"name\": \"regex\", \"template\": \"(?P<intf>Gi\\\\S+) (?P<state>up|down)\"}",
                new CommandResult("show a", text, "", 0, null, HOST, null),
                new CommandResult("show b", json, "", 0, null, HOST, null));
        assertEquals(List.of(Map.of("intf", "Gi0/1", "state", "up")), parsed.get(0).parsed());
        assertNull(parsed.get(1).parsed());
        assertTrue(parsed.get(1).metadata().get(ResultParsing.ERROR_KEY).toString().contains("encoding text"));
    }

    @Test
    void aParseErrorFailsOnlyItsEntry() {
        String template = "Value A (\\\\S+)\\n\\nStart\\n  ^ok ${A} -> Record\\n  ^. -> Error \\\"unknown line\\\"\\n";
        List<CommandResult> parsed = parse(WITHOUT_NTC, "{\"name\": \"textfsm\", \"template\": \"" + template + "\"}",
                CommandResult.ok("show a", "ok 1\n", HOST), CommandResult.ok("show b", "ok 2\nboom\n", HOST));
        assertEquals(List.of(Map.of("A", "1")), parsed.get(0).parsed());
        assertNull(parsed.get(1).parsed());
        String error = (String) parsed.get(1).metadata().get(ResultParsing.ERROR_KEY);
        assertTrue(error.contains("unknown line") && error.contains("Input Line: boom"), error);
        assertEquals("r1", parsed.get(1).metadata().get("host"));
    }

    @Test
    void failedCommandsAndStructuredOutputAreNotParsed() {
        CommandResult failed = CommandResult.error("show a", "", "% Invalid input", HOST);
        CommandResult structured = new CommandResult("show b", Map.of("version", "4.30"), "", 0, null, HOST, null);
        List<CommandResult> parsed = parse(WITHOUT_NTC, "{\"name\": \"regex\", \"template\": \"(?P<x>.)\"}",
                failed, structured);
        assertSame(failed, parsed.get(0));
        assertEquals("stdout is not text, so it cannot be parsed", parsed.get(1).metadata().get(ResultParsing.ERROR_KEY));
    }

    @Test
    void withoutParsingNothingChanges() {
        List<CommandResult> entries = List.of(CommandResult.ok("show a", "x", HOST));
        assertSame(entries, WITHOUT_NTC.apply(JobJson.read("""
                {"driver": "netmiko", "connection_args": {"host": "r1"}, "command": "show a"}""",
                ExecutionRequest.class), entries));
    }

    @Test
    void ntcTemplatesWithoutADirectorySayHowToConfigureIt() {
        List<CommandResult> parsed = parse(WITHOUT_NTC, "{\"name\": \"textfsm\", \"use_ntc_template\": true}",
                CommandResult.ok("show version", "Cisco IOS Software", HOST));
        assertNull(parsed.get(0).parsed());
        assertTrue(((String) parsed.get(0).metadata().get(ResultParsing.ERROR_KEY)).contains("np.templates.ntc-dir"));
    }

    @Test
    void ntcTemplatesDefaultToTheDeviceTypeAndTheEntrysCommand() throws Exception {
        assumeTrue(Files.isRegularFile(NTC.resolve("index")), "no ntc-templates corpus at " + NTC);
        Path samples = NTC.resolveSibling("tests/cisco_ios/show_version");
        String raw;
        try (var files = Files.list(samples)) {
            raw = Files.readString(files.filter(f -> f.toString().endsWith(".raw")).sorted().findFirst().orElseThrow());
        }
        ResultParsing withNtc = new ResultParsing(PluginLoader.of(Optional.empty(),
                PluginConfig.of(Map.of("np.templates.ntc-dir", NTC.toString()))));
        List<CommandResult> parsed = parse(withNtc, "{\"name\": \"textfsm\", \"use_ntc_template\": true}",
                CommandResult.ok("show version", raw, HOST), CommandResult.ok("show no such thing", "x", HOST));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = (List<Map<String, Object>>) parsed.get(0).parsed();
        assertEquals(1, records.size());
        assertFalse(((String) records.get(0).get("version")).isEmpty());
        assertTrue(((String) parsed.get(1).metadata().get(ResultParsing.ERROR_KEY))
                .contains("No template found for platform 'cisco_ios' and command 'show no such thing'"));
    }
}
