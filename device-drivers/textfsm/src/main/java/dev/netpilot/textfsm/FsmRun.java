package dev.netpilot.textfsm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import dev.netpilot.textfsm.TextFsmTemplate.Rule;
import dev.netpilot.textfsm.TextFsmTemplate.State;
import dev.netpilot.textfsm.TextFsmTemplate.ValueDef;

/**
 * One parse of one text: the mutable state a {@link TextFsmTemplate} must not hold. The value life cycle
 * (assign, clear, clear all, save) runs each value's options in their declared order, as Python's option hooks
 * do, because the order is observable (e.g. {@code Required,List} tests the value before the list is saved).
 */
final class FsmRun {

    private final TextFsmTemplate template;
    private final ValueDef[] values;
    /** Python's {@code value.value}: null (None), a String, or for a saved List value a List. */
    private final Object[] current;
    /** What a Filldown value falls back to when cleared. */
    private final Object[] filldown;
    /** The items a List value has collected for the record being built. */
    private final List<List<Object>> lists = new ArrayList<>();
    private final List<Object[]> records = new ArrayList<>();
    /** One matcher per rule for ASCII lines, created on first use and reset for each line. */
    private final Matcher[] matchers;
    private State state;
    /** Set when a rule moved to End or EOF: the rest of the input is ignored. */
    private String stoppedIn;

    FsmRun(TextFsmTemplate template) {
        this.template = template;
        this.values = template.values;
        this.current = new Object[values.length];
        this.filldown = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            lists.add(new ArrayList<>());
        }
        this.matchers = new Matcher[template.ruleCount];
        this.state = template.start;
    }

    ParseResult run(String text) {
        for (String line : PythonText.splitLines(text)) {
            checkLine(line);
            if (stoppedIn != null) {
                break;
            }
        }
        // The implicit "Record" at the end of input, unless End was reached or an EOF state is declared.
        if (!"End".equals(stoppedIn) && !template.hasEofState) {
            appendRecord();
        }
        List<List<Object>> rows = new ArrayList<>(records.size());
        for (Object[] record : records) {
            rows.add(List.of(record));
        }
        return new ParseResult(template.header(), rows);
    }

    private void checkLine(String line) {
        boolean asciiLine = PythonRegex.isAsciiText(line);
        for (Rule rule : state.rules) {
            Matcher m = matcher(rule, line, asciiLine);
            if (!m.lookingAt()) {
                continue;
            }
            for (int k = 0; k < rule.valueIndexes.length; k++) {
                assign(rule.valueIndexes[k], m.group(rule.groups[k]));
            }
            switch (rule.recordOp) {
                case RECORD -> appendRecord();
                case CLEAR -> clearRecord();
                case CLEARALL -> clearAll();
                case NO_RECORD -> {
                }
            }
            if (rule.lineOp == TextFsmTemplate.LineOp.ERROR) {
                String message = rule.newState != null
                        ? "Error: " + rule.newState + ". Rule Line: " + rule.line + ". Input Line: " + line + "."
                        : "State Error raised. Rule Line: " + rule.line + ". Input Line: " + line;
                throw new TextFsmParseException(message, rule.line, line);
            }
            if (rule.lineOp == TextFsmTemplate.LineOp.CONTINUE) {
                continue; // same line, next rule of the same state
            }
            if (rule.newState != null) {
                if (rule.target != null) {
                    state = rule.target;
                } else {
                    stoppedIn = rule.newState;
                }
            }
            return;
        }
    }

    /** re.match of the rule on the line; the common ASCII case reuses one matcher per rule. */
    private Matcher matcher(Rule rule, String line, boolean asciiLine) {
        if (!asciiLine) {
            return rule.regex.pattern().matcher(line);
        }
        Matcher m = matchers[rule.id];
        if (m == null) {
            m = rule.regex.asciiPattern().matcher(line);
            matchers[rule.id] = m;
            return m;
        }
        return m.reset(line);
    }

    private void assign(int i, String value) {
        current[i] = value;
        for (ValueOption option : values[i].options()) {
            switch (option) {
                case FILLDOWN -> filldown[i] = value;
                case FILLUP -> fillUp(i, value);
                case LIST -> lists.get(i).add(listItem(values[i], value));
                case KEY, REQUIRED -> {
                }
            }
        }
    }

    /** Copies a new value into the same column of earlier records, up to the last record that has one. */
    private void fillUp(int i, String value) {
        if (!isTruthy(value)) {
            return;
        }
        for (int r = records.size() - 1; r >= 0; r--) {
            Object[] record = records.get(r);
            if (isTruthy(record[i])) {
                break;
            }
            record[i] = value;
        }
    }

    /** A List item: the value, or a map of its nested named groups when its regex has them (textfsm 1.1). */
    private static Object listItem(ValueDef value, String text) {
        if (value.nested() == null || text == null) {
            return text;
        }
        Matcher m = value.nested().patternFor(text).matcher(text);
        if (!m.lookingAt()) {
            return text;
        }
        Map<String, String> groups = new LinkedHashMap<>();
        value.nested().namedGroups().forEach((name, group) -> groups.put(name, m.group(group)));
        return Collections.unmodifiableMap(groups);
    }

    private void clearRecord() {
        for (int i = 0; i < values.length; i++) {
            current[i] = null;
            for (ValueOption option : values[i].options()) {
                if (option == ValueOption.FILLDOWN) {
                    current[i] = filldown[i];
                } else if (option == ValueOption.LIST && !values[i].filldown()) {
                    lists.get(i).clear();
                }
            }
        }
    }

    private void clearAll() {
        for (int i = 0; i < values.length; i++) {
            current[i] = null;
            filldown[i] = null;
            lists.get(i).clear();
        }
    }

    private void appendRecord() {
        if (values.length == 0) {
            return;
        }
        Object[] record = new Object[values.length];
        int empty = 0;
        for (int i = 0; i < values.length; i++) {
            for (ValueOption option : values[i].options()) {
                if (option == ValueOption.REQUIRED && !isTruthy(current[i])) {
                    clearRecord();
                    return;
                }
                if (option == ValueOption.LIST) {
                    current[i] = Collections.unmodifiableList(new ArrayList<>(lists.get(i)));
                }
            }
            record[i] = current[i];
            if (record[i] == null || (record[i] instanceof List<?> list && list.isEmpty())) {
                empty++;
            }
        }
        // A record where nothing matched is not output (and, as in Python, the values are not cleared).
        if (empty == values.length) {
            return;
        }
        for (int i = 0; i < record.length; i++) {
            if (record[i] == null) {
                record[i] = "";
            }
        }
        records.add(record);
        clearRecord();
    }

    /** Python truth of a value: None, "" and [] are false. */
    private static boolean isTruthy(Object value) {
        return value != null && !(value instanceof String s && s.isEmpty())
                && !(value instanceof List<?> list && list.isEmpty());
    }
}
