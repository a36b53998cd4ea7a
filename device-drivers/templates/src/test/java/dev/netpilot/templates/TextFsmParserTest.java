package dev.netpilot.templates;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TextFsmParserTest {

    private static final Path NTC = Path.of("../../../shared/conformance/ntc-templates/templates");
    private static final String TEMPLATE = """
            Value INTF (\\S+)
            Value STATUS (up|down)

            Start
              ^${INTF}\\s+${STATUS} -> Record
            """;

    private final TextFsmParser noNtc = new TextFsmParser(Optional.empty());

    private static ParseSpec inline(String template) {
        return new ParseSpec("textfsm", template, null, null);
    }

    private static ParseSpec ntc(String platform, String command) {
        return new ParseSpec("textfsm", null, new ParseSpec.NtcLookup(platform, command), null);
    }

    @Test
    void inlineTemplateKeepsTheValueNames() {
        assertEquals(List.of(Map.of("INTF", "Gi0/1", "STATUS", "up"), Map.of("INTF", "Gi0/2", "STATUS", "down")),
                noNtc.parse(inline(TEMPLATE), "Gi0/1 up\nGi0/2 down\n"));
    }

    @Test
    void templateErrorsNameTheLine() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> noNtc.check(inline("Value INTF (\\S+)\n\nStart\n  ^${NOPE} -> Record\n")));
        assertTrue(e.getMessage().startsWith("textfsm: ") && e.getMessage().contains("Line: 4"), e.getMessage());
    }

    @Test
    void anErrorActionIsAParseError() {
        String template = "Value A (\\S+)\n\nStart\n  ^ok ${A} -> Record\n  ^. -> Error \"unexpected line\"\n";
        TemplateException e = assertThrows(TemplateException.class, () -> noNtc.parse(inline(template), "ok 1\nbad\n"));
        assertTrue(e.getMessage().contains("unexpected line") && e.getMessage().contains("Input Line: bad"),
                e.getMessage());
    }

    @Test
    void ntcTemplatesNeedAConfiguredDirectory() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> noNtc.parse(ntc("cisco_ios", "show version"), "x"));
        assertTrue(e.getMessage().contains("np.templates.ntc-dir"), e.getMessage());
    }

    @Test
    void ntcTemplatesByPlatformAndCommand() throws Exception {
        assumeTrue(Files.isRegularFile(NTC.resolve("index")), "no ntc-templates corpus at " + NTC);
        Path sample = NTC.resolveSibling("tests/cisco_ios/show_version").toRealPath();
        Path raw;
        try (var files = Files.list(sample)) {
            raw = files.filter(f -> f.toString().endsWith(".raw")).sorted().findFirst().orElseThrow();
        }
        TextFsmParser parser = new TextFsmParser(Optional.of(NTC));
        List<Map<String, Object>> records = parser.parse(ntc("cisco_ios", "sh ver"), Files.readString(raw));
        assertEquals(1, records.size());
        assertFalse(((String) records.get(0).get("version")).isEmpty(), records.toString());
        TemplateException none = assertThrows(TemplateException.class,
                () -> parser.parse(ntc("cisco_ios", "show nothing at all"), "x"));
        assertTrue(none.getMessage().contains("No template found for platform 'cisco_ios'"), none.getMessage());
        assertThrows(InvalidSpecException.class, () -> parser.parse(ntc(null, "show version"), "x"));
    }
}
