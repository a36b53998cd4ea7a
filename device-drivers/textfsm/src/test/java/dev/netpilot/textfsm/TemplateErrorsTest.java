package dev.netpilot.textfsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every template error Python textfsm 1.1.0 raises, with its message (Python's, checked against it) and the
 * template line it points at. For an invalid regex our message adds, after Python's, what is wrong.
 */
class TemplateErrorsTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("Value A\n\nStart\n", "Expect at least 3 tokens on line. Line 1.", 1),
                Arguments.of("Value Foo A (x)\n\nStart\n", "Unknown option \"Foo\" Line 1.", 1),
                Arguments.of("Value Required,Required A (x)\n\nStart\n", "Duplicate option \"Required\" Line 1.", 1),
                Arguments.of("Value Required, A (x)\n\nStart\n", "Unknown option \"\" Line 1.", 1),
                Arguments.of("Value  A (x)\n\nStart\n", "Unknown option \"\" Line 1.", 1),
                Arguments.of("Value " + "A".repeat(49) + " (x)\n\nStart\n",
                        "Invalid Value name '" + "A".repeat(49) + "' or name too long. Line 1.", 1),
                Arguments.of("Value A x\n\nStart\n", "Unknown option \"A\" Line 1.", 1),
                Arguments.of("# c\nValue A (x(\n\nStart\n", "Value '(x(' must be contained within a '()' pair. Line 2.", 2),
                Arguments.of("Value List A ([)\n\nStart\n", "unterminated character set at position 1 Line 1.", 1),
                Arguments.of("Value A (x)\nValue A (y)\n\nStart\n", "Duplicate declarations for Value 'A'. Line: 2.", 2),
                Arguments.of("Foo\n\nStart\n", "No Value definitions found.", 1),
                Arguments.of("Value A (x)\nStart\n", "Expected blank line after last Value entry. Line: 2.", 2),
                Arguments.of("Value A (x)\n\nStart here\n", "Invalid state name: 'Start here'. Line: 3", 3),
                Arguments.of("Value A (x)\n\nNext\n", "Invalid state name: 'Next'. Line: 3", 3),
                Arguments.of("Value A (x)\n\n" + "S".repeat(49) + "\n",
                        "Invalid state name: '" + "S".repeat(49) + "'. Line: 3", 3),
                Arguments.of("Value A (x)\n\nStart\n\nStart\n", "Duplicate state name: 'Start'. Line: 5", 5),
                Arguments.of("Value A (x)\n\nStart\n  foo\n", "Missing white space or carat ('^') before rule. Line: 4", 4),
                Arguments.of("Value A (x)\n\nStart\n   ^x\n", "Missing white space or carat ('^') before rule. Line: 4", 4),
                Arguments.of("Value A (x)\n\nStart\n  ^${B}\n",
                        "Duplicate or invalid variable substitution: '^${B}'. Line: 4.", 4),
                Arguments.of("Value A (x)\n\nStart\n  ^a$\n",
                        "Duplicate or invalid variable substitution: '^a$'. Line: 4.", 4),
                Arguments.of("Value A-B (x)\n\nStart\n  ^a\n  ^b ${A-B}\n",
                        "Duplicate or invalid variable substitution: '^b ${A-B}'. Line: 5.", 5),
                Arguments.of("Value A (x)\n\nStart\n  ^(a\n", "Invalid regular expression: '^(a'. Line: 4.", 4),
                Arguments.of("Value A (x)\n\nStart\n  ^${A}${A}\n",
                        "Invalid regular expression: '^(?P<A>x)(?P<A>x)'. Line: 4.", 4),
                Arguments.of("Value A (x)\n\nStart\n  ^\\p{L}\n", "Invalid regular expression: '^\\p{L}'. Line: 4.", 4),
                Arguments.of("Value A (x)\n\nStart\n  ^[\\w-.]\n", "Invalid regular expression: '^[\\w-.]'. Line: 4.", 4),
                Arguments.of("Value A (x)\n\nStart\n  ^*a\n", "Invalid regular expression: '^*a'. Line: 4.", 4),
                Arguments.of("Value A (x)\n\nStart\n  ^a -> Foo Bar Baz\n",
                        "Badly formatted rule '^a -> Foo Bar Baz'. Line: 4.", 4),
                Arguments.of("Value A (x)\n\nStart\n  ^a -> Continue Start\n",
                        "Action 'Continue' with new state Start specified. Line: 4.", 4),
                Arguments.of("Value A (x)\n\nStart\n  ^a -> Next \"quoted\"\n",
                        "Alphanumeric characters only in state names. Line: 4.", 4),
                Arguments.of("Value A (x)\n\nBegin\n  ^a\n", "Missing state 'Start'.", 0),
                Arguments.of("", "Missing state 'Start'.", 0),
                Arguments.of("Value A (x)\n\nStart\n  ^a\n\nEnd\n  ^b\n", "Non-Empty 'End' state.", 0),
                Arguments.of("Value A (x)\n\nStart\n  ^a\n\nEOF\n  ^b\n", "Non-Empty 'EOF' state.", 0),
                Arguments.of("Value A (x)\n\nStart\n  ^a -> Nowhere\n",
                        "State 'Nowhere' not found, referenced in state 'Start'", 0),
                // "NextRecord" is not an action, so Python reads it as a state name; "Record" after Next too.
                Arguments.of("Value A (x)\n\nStart\n  ^a -> NextRecord\n",
                        "State 'NextRecord' not found, referenced in state 'Start'", 0),
                Arguments.of("Value A (x)\n\nStart\n  ^a -> Next Record\n",
                        "State 'Record' not found, referenced in state 'Start'", 0));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void templateErrorsAreReportedAsPythonTextfsmDoes(String template, String message, int line) {
        TextFsmTemplateException e = assertThrows(TextFsmTemplateException.class,
                () -> TextFsmTemplate.compile(template));
        if (message.startsWith("Invalid regular expression")) {
            assertTrue(e.getMessage().startsWith(message + " "), e.getMessage());
        } else {
            assertEquals(message, e.getMessage());
        }
        assertEquals(line, e.line());
    }
}
