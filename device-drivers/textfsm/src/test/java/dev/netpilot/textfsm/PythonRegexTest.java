package dev.netpilot.textfsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Python {@code re.match} semantics after translation (expected results checked against CPython). */
class PythonRegexTest {

    /** Python's re.match(regex, text).group(0), or null when it does not match. */
    private static String match(String regex, String text) {
        Matcher m = PythonRegex.compile(regex).patternFor(text).matcher(text);
        return m.lookingAt() ? m.group() : null;
    }

    @Test
    void matchIsAnchoredAtTheStartOnly() {
        assertEquals("ab", match("ab", "abc"));
        assertNull(match("b", "ab"));
    }

    @Test
    void namedGroupsKeepPythonNamesAndNumbers() {
        PythonRegex.Compiled c = PythonRegex.compile("(?P<first_name>\\w+) (x)(?P<_2nd>\\d)(?P=_2nd)");
        assertEquals(Map.of("first_name", 1, "_2nd", 3), c.namedGroups());
        assertEquals(List.of("first_name", "_2nd"), List.copyOf(c.namedGroups().keySet()));
        assertEquals(3, c.groupCount());
        Matcher m = c.pattern().matcher("bob x55");
        assertTrue(m.lookingAt());
        assertEquals("bob", m.group(c.namedGroups().get("first_name")));
        assertNull(match("(?P<d>\\d)(?P=d)", "12"));
    }

    @Test
    void endAnchors() {
        assertNull(match("a\\Z", "a\n"));
        assertEquals("a", match("a$", "a\n"));
        assertEquals("a", match("a\\Z", "a"));
    }

    @Test
    void quantifierFormsAndLiteralBraces() {
        assertEquals("12", match("\\d{,2}", "123"));
        assertEquals("aaa", match("a{2,}", "aaa"));
        assertEquals("a{}", match("a{}", "a{}"));
        assertEquals("{x}", match("{x}", "{x}"));
        assertEquals("a{1", match("a{1", "a{1"));
        assertEquals("x{,}", match("x\\{,}", "x{,}"));
        assertEquals("xx", match("x{,}", "xx"));
        assertEquals("a", match("a+?", "aaa"));
        assertEquals("aaa", match("a++", "aaa"));
        assertEquals("ab", match("(?>a|ab)b", "abb"));
    }

    @Test
    void characterClasses() {
        assertEquals("[", match("[[]", "["));
        assertEquals("]a", match("[]a]+", "]a"));
        assertEquals("a-", match("[a-]+", "a-"));
        assertEquals("&&", match("[&]+", "&&"));
        assertEquals("\b", match("[\\b]", "\b"));
        assertEquals("-.", match("[\\-.]+", "-."));
        assertEquals("x", match("[^\\d\\s]", "x"));
        assertNull(match("[^\\S\\n]", "\n"));
        assertEquals(" ", match("[^\\S\\n]", " "));
    }

    @Test
    void escapes() {
        assertEquals("\u000b", match("\\v", "\u000b"));
        assertNull(match("\\v", "\n"));
        assertEquals("AA\u0000\u0007", match("\\x41\\101\\0\\a", "AA\u0000\u0007"));
        assertEquals("é", match("\\u00e9", "é"));
        assertEquals("é", match("\\N{LATIN SMALL LETTER E WITH ACUTE}", "é"));
        assertEquals("\ud83d\ude00", match("\\U0001F600", "\ud83d\ude00"));
        assertEquals("a b#", match("a\\ b\\#", "a b#"));
    }

    @Test
    void unicodeClassesAsPython() {
        assertEquals("\u0663\u0664", match("\\d+", "\u0663\u0664"));
        assertEquals("café_1", match("\\w+", "café_1"));
        assertEquals("\u00a0\u001f\u2009", match("\\s+", "\u00a0\u001f\u2009"));
        assertNull(match("\\s", "\u200b"));
        assertEquals("é", match("\\bé\\b", "é"));
        assertNull(match("a\\b", "aé"));
        assertEquals("a", match("a\\B", "aé"));
        assertNull(match("\\B", ""));
        assertEquals("", match("(?a)\\w*", "é"));
        assertNull(match("(?a)\\s", "\u00a0"));
    }

    @Test
    void asciiVariantIsUsedOnlyWhereItGivesPythonsAnswer() {
        assertTrue(PythonRegex.isAsciiText("plain ascii\tline"));
        assertFalse(PythonRegex.isAsciiText("unit separator \u001f"));
        assertFalse(PythonRegex.isAsciiText("café"));
        PythonRegex.Compiled c = PythonRegex.compile("\\s");
        assertTrue(c.patternFor("\u001f").matcher("\u001f").lookingAt());
        assertFalse(c.asciiPattern().matcher("\u001f").lookingAt());
    }

    @Test
    void inlineFlags() {
        assertEquals("É", match("(?i)é", "É"));
        assertEquals("AB", match("a(?i)b", "AB"), "a global flag applies to the whole pattern");
        assertEquals("aB", match("a(?i:b)", "aB"));
        assertNull(match("a(?i:b)", "AB"));
        assertEquals("a\nb", match("(?s)a.b", "a\nb"));
        assertNull(match("a.b", "a\nb"));
        assertEquals("ab", match("(?x) a  b  # comment", "ab"));
        assertEquals("a b", match("a(?x) \\  b", "a b"));
        assertEquals("a b", match("(?x)[ a]+b", "a b"));
        assertEquals("ab", match("a(?#comment)b", "ab"));
        assertEquals("aa", match("a(?#comment)*", "aa"));
    }

    @Test
    void lookarounds() {
        assertEquals("a", match("a(?=b)", "ab"));
        assertNull(match("a(?!b)", "ab"));
        assertEquals("b", match(".(?<=b)", "b"));
        assertEquals("b", match(".(?<!a)", "b"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "\\p{L} => bad escape \\p",
        "\\z => bad escape \\z",
        "\\Qa => bad escape \\Q",
        "(?<n>x) => unknown extension ?<n",
        "(?P<1a>x) => bad character in group name '1a'",
        "(?P<a>x)(?P<a>y) => redefinition of group name 'a'",
        "(?P=a) => unknown group name 'a'",
        "(a\\1) => cannot refer to an open group",
        "(a)\\2 => invalid group reference 2",
        "(?(1)a|b) => conditional groups (?(...)...) are not supported",
        "a** => multiple repeat",
        "a*?? => multiple repeat",
        "*a => nothing to repeat",
        "^* => nothing to repeat",
        "a|* => nothing to repeat",
        "[\\w-.] => bad character range \\w-.",
        "[z-a] => bad character range z-a",
        "[a => unterminated character set",
        "(a => missing ), unterminated subpattern",
        "a) => unbalanced parenthesis",
        "a{3,1} => min repeat greater than max repeat",
        "\\x4 => incomplete escape \\x4",
        "\\777 => octal escape value \\777 outside of range 0-0o377",
        "(?L)a => bad inline flags: cannot use 'L' flag with a str pattern",
        "(?i-a:x) => bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
        "(?i-:x) => missing flag",
        "(?i-s)x => missing :",
        "(?#x => missing ), unterminated comment",
        "a\\ => bad escape (end of pattern)",
    })
    void rejectsWhatPythonRejects(String regex, String description) {
        PatternSyntaxException e = assertThrows(PatternSyntaxException.class, () -> PythonRegex.compile(regex));
        assertEquals(description, e.getDescription());
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?P<Ünïcode>x)", "\\d{2}?", "[^]]", "(?-i:a)", "(?u)a", "a{0}", "()*", "x{2}+"})
    void acceptsWhatPythonAccepts(String regex) {
        PythonRegex.compile(regex);
    }
}
