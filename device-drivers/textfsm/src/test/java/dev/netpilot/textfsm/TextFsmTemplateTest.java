package dev.netpilot.textfsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * Parse semantics. Every expected table here is what Python textfsm 1.1.0 returns for the same template and
 * input (checked against it when the test was written).
 */
class TextFsmTemplateTest {

    private static List<List<Object>> rows(String template, String text) {
        return TextFsmTemplate.compile(template).parse(text).rows();
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    @Test
    void filldownKeepsValueAndRequiredDropsRecordsWithoutIt() {
        String template = """
                Value Filldown A (\\S+)
                Value Required B (\\d+)
                Value C (x)

                Start
                  ^A ${A}
                  ^B\\s*${B}?${C}? -> Record
                """;
        assertEquals(List.of(row("one", "1", ""), row("one", "2", "x"), row("two", "3", "")),
                rows(template, "A one\nB 1\nB 2x\nA two\nB\nB 3\n"));
    }

    @Test
    void fillupCopiesValueIntoEarlierRecordsUntilOneHasIt() {
        String template = """
                Value Fillup A (\\S+)
                Value B (\\d+)

                Start
                  ^B ${B} -> Record
                  ^A ${A}
                """;
        assertEquals(List.of(row("up", "1"), row("up", "2"), row("up", "3"), row("later", "")),
                rows(template, "B 1\nB 2\nA up\nB 3\nA later\n"));
        String stopsAtFilled = """
                Value Fillup F (\\S+)
                Value N (\\d)

                Start
                  ^n ${N} -> Record
                  ^f ${F}
                """;
        assertEquals(List.of(row("a", "1"), row("a", "2"), row("b", "3")),
                rows(stopsAtFilled, "n 1\nf \nn 2\nf a\nf b\nn 3\n"));
    }

    @Test
    void listCollectsAndWithFilldownKeepsCollectingUntilClearall() {
        String template = """
                Value List,Filldown L (\\S+)
                Value K (\\d+)

                Start
                  ^L ${L}
                  ^K ${K} -> Record
                  ^X -> Clearall
                """;
        assertEquals(List.of(row(List.of("a", "b"), "1"), row(List.of("a", "b", "c"), "2"), row(List.of(), "3")),
                rows(template, "L a\nL b\nK 1\nL c\nK 2\nX\nK 3\n"));
    }

    @Test
    void optionOrderMattersForRequiredAndList() {
        // Required,List tests the last string assigned; List,Required tests the collected list.
        String template = """
                Value Required,List L (\\S+)
                Value List,Required M (\\S+)
                Value K (\\d+)

                Start
                  ^L ${L}
                  ^M ${M}
                  ^K ${K} -> Record
                """;
        assertEquals(List.of(row(List.of("c"), List.of("d"), "3")),
                rows(template, "L a\nK 1\nM b\nK 2\nL c\nM d\nK 3\nK 4\n"));
        String withFilldown = """
                Value Required,List,Filldown L (\\S+)
                Value K (\\d+)

                Start
                  ^L ${L}
                  ^K ${K} -> Record
                  ^C -> Clearall
                """;
        assertEquals(List.of(row(List.of("a"), "1"), row(List.of("a"), "2")),
                rows(withFilldown, "K 0\nL a\nK 1\nK 2\nC\nK 3\n"));
    }

    @Test
    void clearKeepsFilldownValuesAndClearallDropsThem() {
        String template = """
                Value Filldown F (\\S+)
                Value List L (\\S+)
                Value N (\\d)

                Start
                  ^f ${F}
                  ^l ${L}
                  ^n ${N} -> Record
                  ^c -> Clear
                  ^C -> Clearall
                """;
        assertEquals(List.of(row("1", List.of(), "1"), row("", List.of(), "2"), row("", List.of("z"), "3")),
                rows(template, "f 1\nl a\nc\nn 1\nl b\nC\nn 2\nl z\nn 3\n"));
    }

    @Test
    void continueTriesTheNextRulesOnTheSameLine() {
        String template = """
                Value Filldown A (\\S+)
                Value B (\\S+)

                Start
                  ^${A} -> Continue
                  ^\\S+ ${B} -> Continue.Record
                  ^x -> Clear
                  ^y -> Clearall
                """;
        assertEquals(List.of(row("p", "q"), row("s", "t"), row("s", "")), rows(template, "p q\nx\nr\ny\ns t\n"));
    }

    @Test
    void actionsAndStateTransitions() {
        String template = """
                Value A (\\S+)

                Start
                  ^a ${A} -> Record
                  ^b ${A} -> Next.Record
                  ^c ${A} -> Record Two
                  ^d -> Two

                Two
                  ^${A} -> Continue.Record
                  ^. -> Start
                """;
        assertEquals(List.of(row("1"), row("2"), row("3"), row("x"), row("y")),
                rows(template, "a 1\nb 2\nc 3\nx\nd\ny\n"));
        String twoStates = """
                Value A (\\S+)
                Value B (\\S+)

                Start
                  ^begin -> Second

                Second
                  ^${A} ${B} -> Record
                  ^end -> Start
                """;
        assertEquals(List.of(row("c", "d"), row("e", "f")), rows(twoStates, "a b\nbegin\nc d\ne f\nend\ng h\n"));
    }

    @Test
    void endStopsWithoutTheImplicitRecordAndEofStateDisablesIt() {
        String toEnd = "Value A (\\S+)\n\nStart\n  ^stop -> End\n  ^${A}\n";
        assertEquals(List.of(), rows(toEnd, "a\nstop\nb\n"));
        String emptyEofState = "Value A (\\S+)\n\nStart\n  ^${A}\n\nEOF\n";
        assertEquals(List.of(), rows(emptyEofState, "a\nb\n"));
        String toEofWithoutState = "Value A (\\S+)\n\nStart\n  ^stop -> EOF\n  ^${A}\n";
        assertEquals(List.of(row("a")), rows(toEofWithoutState, "a\nstop\nb\n"));
    }

    @Test
    void errorActionRaisesWithMessageRuleLineAndInputLine() {
        String quoted = "Value A (\\S+)\n\nStart\n  ^${A} -> Next.Record\n  ^ -> Error \"no blank lines\"\n";
        TextFsmParseException e = assertThrows(TextFsmParseException.class,
                () -> TextFsmTemplate.compile(quoted).parse("a\n\nb\n"));
        assertEquals("Error: \"no blank lines\". Rule Line: 5. Input Line: .", e.getMessage());
        assertEquals(5, e.ruleLine());
        assertEquals("", e.inputLine());

        String plain = "Value A (\\S+)\n\nStart\n  ^${A} -> Record\n  ^ -> Error\n";
        assertEquals("State Error raised. Rule Line: 5. Input Line: ", assertThrows(TextFsmParseException.class,
                () -> TextFsmTemplate.compile(plain).parse("a\n\n")).getMessage());

        String named = "Value A (\\S+)\n\nStart\n  ^${A} -> Record\n  ^ -> Error Foo\n";
        assertEquals("Error: Foo. Rule Line: 5. Input Line: .", assertThrows(TextFsmParseException.class,
                () -> TextFsmTemplate.compile(named).parse("a\n\n")).getMessage());
    }

    @Test
    void listWithNestedNamedGroupsCollectsMaps() {
        String template = """
                Value List P ((?P<name>\\w+)\\s+(?P<age>\\d+)?)
                Value Z (\\d+)

                Start
                  ^person ${P}
                  ^z ${Z} -> Record
                """;
        Map<String, String> al = new LinkedHashMap<>();
        al.put("name", "al");
        al.put("age", null);
        assertEquals(List.of(row(List.of(Map.of("name", "bob", "age", "32"), al), "1")),
                rows(template, "person bob 32\nperson al x\nz 1\n"));
    }

    @Test
    void valuesThatNeverMatchAreEmptyAndAbsentListItemsAreNull() {
        String template = """
                Value A (\\d+)
                Value List L (\\w+)
                Value B (\\w+)

                Start
                  ^x(\\s${A})?(\\s${L})?(${B})? -> Record
                """;
        assertEquals(List.of(row("", Arrays.asList((Object) null), ""), row("1", List.of("w"), ""),
                row("2", Arrays.asList((Object) null), "")), rows(template, "x\nx 1 w\nx 2\n"));
    }

    @Test
    void recordWithNothingMatchedIsNotOutputButEmptyStringMatchesCount() {
        String template = """
                Value A (\\S*)
                Value B (\\S+)

                Start
                  ^a ${A} -> Record
                  ^b ${B}
                  ^r -> Record
                """;
        assertEquals(List.of(row("", ""), row("", "x")), rows(template, "a \nr\nb x\nr\nr\n"));
        String required = "Value Required A (x*)\nValue B (y)\n\nStart\n  ^${A}${B} -> Record\n";
        assertEquals(List.of(row("x", "y")), rows(required, "y\nxy\n"));
    }

    @Test
    void linesSplitAsPythonSplitlines() {
        String template = "Value A (.*)\n\nStart\n  ^${A} -> Record\n";
        String text = "a\r\nb\rc\u000bd\u000ce\u001cf\u001dg\u001eh\u0085i\u2028j\u2029k\u001fl\n\nm";
        List<List<Object>> expected = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k\u001fl", "", "m")
                .stream().map(s -> row(s)).toList();
        assertEquals(expected, rows(template, text));
        assertEquals(List.of(), rows("Value Filldown A (x)\n\nStart\n  ^${A}\n", ""));
    }

    @Test
    void pythonRegexFeaturesInRules() {
        String template = """
                Value A (\\d{,3})
                Value B ([]a-]+)
                Value C ([\\[\\]x]+)
                Value D (a{)
                Value E (\\x41\\u00e9\\101)

                Start
                  ^${A}:${B}:${C}:${D}:${E}\\Z -> Record
                """;
        assertEquals(List.of(row("12", "a", "x", "a{", "AéA")),
                rows(template, "1234:]-a:[x]:a{:AéA\n12:a:x:a{:AéA\n"));
        String unicode = """
                Value W (\\w+)
                Value D (\\d+)
                Value R (.*)

                Start
                  ^${W}\\s+${D}\\b${R} -> Record
                """;
        assertEquals(List.of(row("café", "\u0663\u0664", " rest"), row("naïve", "12", " x")),
                rows(unicode, "café\u00a0\u0663\u0664 rest\nnaïve\u001f12 x\nabc\u200912é\nx\u200b1 y\n"));
        String backReferences = """
                Value A (\\w)
                Value B (\\w+)

                Start
                  ^${A}(?P=A)${B}\\2 -> Record
                  ^(\\w)\\1${B} -> Record
                """;
        assertEquals(List.of(row("a", "bc"), row("", "q")), rows(backReferences, "aabcbc\nzzq\n"));
        String flags = "Value A ((?i:abc))\nValue B (x(?#comment)y)\n\nStart\n  ^${A} ${B} -> Record\n";
        assertEquals(List.of(row("ABC", "xy")), rows(flags, "ABC xy\n"));
    }

    @Test
    void dollarDollarIsALiteralDollarAndNeedsValuesToBeSubstituted() {
        String template = "Value A (\\S+)\n\nStart\n  ^${A}$$ -> Record\n  ^\\$$ ${A} -> Record\n";
        assertEquals(List.of(row("abc"), row("dollar")), rows(template, "abc\n$ dollar\nx y\n"));
        // Without any Value, Python does no substitution: "$$" stays two end-of-line anchors.
        TextFsmTemplate noValues = TextFsmTemplate.compile("\nStart\n  ^a$$ -> Record\n");
        assertEquals(List.of(), noValues.header());
        assertEquals(List.of(), noValues.parse("a\n").rows());
    }

    @Test
    void commentsTabsAndKeyOption() {
        String template = """
                # comment
                Value Key A (\\S+)
                  # indented comment
                Value Key,Required B (\\S+)

                # before a state
                Start
                  # in a state
                \t^${A} ${B} -> Record

                # trailing
                """;
        TextFsmTemplate compiled = TextFsmTemplate.compile(template);
        assertEquals(List.of("A", "B"), compiled.header());
        assertEquals(List.of("A", "B"), compiled.valueNamesWith(ValueOption.KEY));
        assertEquals(List.of("B"), compiled.valueNamesWith(ValueOption.REQUIRED));
        assertEquals(List.of(row("a", "b")), compiled.parse("a b\n").rows());
    }

    @Test
    void toMapsLowerCasesKeysInHeaderOrder() {
        ParseResult result = TextFsmTemplate.compile("Value NAME (\\S+)\nValue List Ip_Addr (\\S+)\n\nStart\n"
                + "  ^${NAME} ${Ip_Addr}\n").parse("eth0 10.0.0.1\n");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "eth0");
        expected.put("ip_addr", List.of("10.0.0.1"));
        assertEquals(List.of(expected), result.toMaps());
        assertEquals(List.of("name", "ip_addr"), List.copyOf(result.toMaps().get(0).keySet()));
    }

    @Test
    void oneTemplateParsesConcurrently() {
        TextFsmTemplate template = TextFsmTemplate.compile("""
                Value Filldown DEV (\\S+)
                Value List PORT (\\d+)
                Value Required ID (\\d+)

                Start
                  ^dev ${DEV}
                  ^port ${PORT}
                  ^id ${ID} -> Record
                """);
        List<List<List<Object>>> results = IntStream.range(0, 200).parallel()
                .mapToObj(i -> template.parse("dev d" + i + "\nport " + i + "\nport 2\nid " + i + "\nid x\n").rows())
                .toList();
        for (int i = 0; i < results.size(); i++) {
            assertEquals(List.of(row("d" + i, List.of(String.valueOf(i), "2"), String.valueOf(i))), results.get(i));
        }
    }
}
