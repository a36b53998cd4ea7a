package dev.netpilot.driver;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** driver_args become CommandOptions, and every bad value says which key to fix. */
class CommandOptionsTest {

    @Test
    void everyOptionIsRead() {
        Map<String, Object> expectMap = new LinkedHashMap<>();
        expectMap.put("Destination filename", "");
        expectMap.put("\\[confirm\\]", "y");
        CommandOptions options = CommandOptions.fromDriverArgs(Map.of("read_timeout", 2.5, "expect_string", "done$",
                "expect_map", expectMap, "error_pattern", "(?i)failed", "commit_confirm", 120));
        assertEquals(Duration.ofMillis(2500), options.readTimeout());
        assertEquals("done$", options.expectString().pattern());
        assertEquals(List.of("Destination filename", "\\[confirm\\]"),
                options.expectMap().keySet().stream().map(java.util.regex.Pattern::pattern).toList());
        assertEquals(List.of("", "y"), List.copyOf(options.expectMap().values()));
        assertEquals("(?i)failed", options.errorPattern().pattern());
        assertEquals(120, options.commitConfirm());
    }

    @Test
    void absentOptionsTakeTheirDefaults() {
        CommandOptions options = CommandOptions.fromDriverArgs(Map.of("error_pattern", "", "use_textfsm", true));
        assertEquals(CommandOptions.DEFAULT_READ_TIMEOUT, options.readTimeout());
        assertNull(options.expectString());
        assertTrue(options.expectMap().isEmpty());
        assertNull(options.errorPattern(), "an empty error_pattern means the platform's markers, as in NetPulse");
        assertNull(options.commitConfirm());
        assertEquals(CommandOptions.defaults(), CommandOptions.fromDriverArgs(null));
    }

    @Test
    void badValuesNameTheKey() {
        assertMessage("driver_args.error_pattern is not a valid regular expression ('(unclosed')",
                Map.of("error_pattern", "(unclosed"));
        assertMessage("driver_args.expect_map key is not a valid regular expression ('[y/n')",
                Map.of("expect_map", Map.of("[y/n", "y")));
        assertMessage("driver_args.expect_map must be an object", Map.of("expect_map", List.of("y")));
        assertMessage("driver_args.commit_confirm must be a whole number of seconds from 1 to 86400",
                Map.of("commit_confirm", 1.5));
        assertMessage("driver_args.commit_confirm must be a whole number", Map.of("commit_confirm", 0));
        assertMessage("driver_args.read_timeout must be a number of seconds above 0", Map.of("read_timeout", "soon"));
    }

    private static void assertMessage(String start, Map<String, Object> args) {
        DriverException e = assertThrows(DriverException.InvalidArgumentException.class,
                () -> CommandOptions.fromDriverArgs(args));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
