package dev.netpilot.templates;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegexParserTest {

    private static final String OUTPUT = """
            Interface        IP-Address      Status
            Gi0/1            10.0.0.1        up
            Gi0/2            unassigned      down
            """;

    private final RegexParser regex = new RegexParser();

    private List<Map<String, Object>> parse(String pattern, String text) {
        return regex.parse(new ParseSpec("regex", pattern, null, null), text);
    }

    private static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            record.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return record;
    }

    @Test
    void oneRecordPerMatchKeyedByGroupNamesInOrder() {
        assertEquals(List.of(record("intf", "Gi0/1", "ip_address", "10.0.0.1", "status", "up"),
                        record("intf", "Gi0/2", "ip_address", "unassigned", "status", "down")),
                parse("^(?P<intf>Gi\\S+)\\s+(?<ip_address>\\S+)\\s+(?P<status>up|down)$", OUTPUT));
    }

    @Test
    void anOptionalGroupThatDidNotTakePartIsNull() {
        assertEquals(List.of(record("word", "a", "digits", "1"), record("word", "b", "digits", null)),
                parse("(?P<word>[a-z])(?P<digits>\\d)?", "a1 b"));
    }

    @Test
    void backReferencesAndClassesAreTranslatedCarefully() {
        assertEquals(List.of(record("w", "ab")), parse("(?P<w>\\w+)-(?P=w)", "ab-ab ab-cd"));
        assertEquals(List.of(record("w", "ab")), parse("(?<w>\\w+)-\\k<w>", "cd-ef ab-ab"));
        assertEquals(Arrays.asList(record("p", "(?P<x>")), parse("(?P<p>[(?P<x>]+)", "(?P<x>"));
    }

    @Test
    void noMatchIsAnEmptyList() {
        assertEquals(List.of(), parse("(?P<x>nothing)", OUTPUT));
    }

    @Test
    void badPatternsSayWhy() {
        assertTrue(assertThrows(TemplateException.class, () -> parse("\\S+", "x")).getMessage()
                .contains("no named group"));
        assertTrue(assertThrows(TemplateException.class, () -> parse("(?P<a>x", "x")).getMessage()
                .startsWith("regex: invalid pattern: Unclosed group"));
        assertTrue(assertThrows(TemplateException.class, () -> parse("(?P<a>x)(?P<a>y)", "x")).getMessage()
                .contains("used twice"));
        assertThrows(InvalidSpecException.class, () -> regex.check(
                new ParseSpec("regex", null, new ParseSpec.NtcLookup("cisco_ios", "show version"), null)));
    }
}
