package dev.netpilot.textfsm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled TextFSM template. Compile once, then {@link #parse(String)} any number of outputs, from any number
 * of threads: the template is immutable and each parse keeps its own state.
 *
 * <p>Template syntax, validation and parse semantics are those of Python textfsm 1.1.0, the engine the
 * ntc-templates library is written and tested against; error messages are Python's too.
 */
public final class TextFsmTemplate {

    static final int MAX_NAME_LEN = 48;

    enum LineOp { NEXT, CONTINUE, ERROR }

    enum RecordOp { NO_RECORD, RECORD, CLEAR, CLEARALL }

    /** A {@code Value} line. */
    record ValueDef(String name, ValueOption[] options, boolean filldown, String pythonTemplate,
                    PythonRegex.Compiled nested) {

        boolean has(ValueOption option) {
            return Arrays.asList(options).contains(option);
        }
    }

    /** A rule, with the value index assigned from each of its named groups. */
    static final class Rule {
        final int line;
        final int id;
        final PythonRegex.Compiled regex;
        final int[] valueIndexes;
        final int[] groups;
        final LineOp lineOp;
        final RecordOp recordOp;
        /** Destination state name (or the quoted message of an Error action); null when none. */
        final String newState;
        /** Resolved destination; null for End, EOF, Error and no transition. */
        State target;

        Rule(int line, int id, PythonRegex.Compiled regex, List<ValueDef> values, LineOp lineOp,
             RecordOp recordOp, String newState) {
            this.line = line;
            this.id = id;
            this.regex = regex;
            this.lineOp = lineOp;
            this.recordOp = recordOp;
            this.newState = newState;
            List<int[]> assignments = new ArrayList<>();
            regex.namedGroups().forEach((name, group) -> {
                for (int v = 0; v < values.size(); v++) {
                    if (values.get(v).name().equals(name)) {
                        assignments.add(new int[] {v, group});
                    }
                }
            });
            valueIndexes = assignments.stream().mapToInt(a -> a[0]).toArray();
            groups = assignments.stream().mapToInt(a -> a[1]).toArray();
        }
    }

    static final class State {
        final String name;
        final List<Rule> rules = new ArrayList<>();

        State(String name) {
            this.name = name;
        }
    }

    final ValueDef[] values;
    final State start;
    /** An (empty) EOF state is declared: it switches off the implicit record at the end of input. */
    final boolean hasEofState;
    final int ruleCount;
    private final List<String> header;

    private TextFsmTemplate(List<ValueDef> values, Map<String, State> states, int ruleCount) {
        this.values = values.toArray(ValueDef[]::new);
        this.start = states.get("Start");
        this.hasEofState = states.containsKey("EOF");
        this.ruleCount = ruleCount;
        this.header = values.stream().map(ValueDef::name).toList();
    }

    /** @throws TextFsmTemplateException if the template is not valid */
    public static TextFsmTemplate compile(String templateText) {
        return new Compiler(PythonText.fileLines(templateText)).compile();
    }

    /** Reads a UTF-8 template file. @throws TextFsmTemplateException if the template is not valid */
    public static TextFsmTemplate compile(Path file) throws IOException {
        return compile(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The value names, in template order: the columns of every {@link ParseResult}. */
    public List<String> header() {
        return header;
    }

    /** The names of the values declared with an option, in template order (e.g. the {@code Key} values). */
    public List<String> valueNamesWith(ValueOption option) {
        return Arrays.stream(values).filter(v -> v.has(option)).map(ValueDef::name).toList();
    }

    /**
     * Runs the state machine over every line of {@code text}.
     *
     * @throws TextFsmParseException when a rule with the {@code Error} action matches
     */
    public ParseResult parse(String text) {
        return new FsmRun(this).run(Objects.requireNonNull(text, "text"));
    }

    /** Reads the template text the way Python textfsm does, line by line, counting lines for error messages. */
    private static final class Compiler {
        private static final List<String> LINE_OPS = List.of("Continue", "Next", "Error");
        private static final List<String> RECORD_OPS = List.of("Clear", "Clearall", "Record", "NoRecord");
        private static final String NEW_STATE = "(?P<new_state>\\w+|\\\".*\\\")";
        private static final String RECORD_OP = "(?P<rec_op>" + String.join("|", RECORD_OPS) + ")";
        private static final String OPERATOR = "((?P<ln_op>" + String.join("|", LINE_OPS) + ")(\\." + RECORD_OP + ")?)";
        private static final PythonRegex.Compiled MATCH_ACTION = PythonRegex.compile("(?P<match>.*)(\\s->(?P<action>.*))");
        // Tried in turn: "Line.Record State", "Record State", then "State" alone, as Python does.
        private static final List<PythonRegex.Compiled> ACTIONS = List.of(
                PythonRegex.compile("\\s+" + OPERATOR + "(\\s+" + NEW_STATE + ")?$"),
                PythonRegex.compile("\\s+" + RECORD_OP + "(\\s+" + NEW_STATE + ")?$"),
                PythonRegex.compile("(\\s+" + NEW_STATE + ")?$"));
        private static final PythonRegex.Compiled STATE_NAME = PythonRegex.compile("^(\\w+)$");
        private static final PythonRegex.Compiled WORD = PythonRegex.compile("\\w+");

        private final List<String> lines;
        private int next;
        private int lineNum;
        private final List<ValueDef> values = new ArrayList<>();
        private final Map<String, String> valueTemplates = new LinkedHashMap<>();
        private final Map<String, State> states = new LinkedHashMap<>();
        private int ruleCount;

        Compiler(List<String> lines) {
            this.lines = lines;
        }

        private String nextLine() {
            if (next >= lines.size()) {
                return null;
            }
            lineNum++;
            return PythonText.rstrip(lines.get(next++));
        }

        private TextFsmTemplateException error(String message) {
            return new TextFsmTemplateException(message, lineNum);
        }

        TextFsmTemplate compile() {
            parseValues();
            while (parseState()) {
                // one state per call, until the template ends
            }
            validate();
            return new TextFsmTemplate(values, states, ruleCount);
        }

        private static boolean isComment(String line) {
            int i = 0;
            while (i < line.length() && PythonText.isSpace(line.charAt(i))) {
                i++;
            }
            return i < line.length() && line.charAt(i) == '#';
        }

        /** The Value lines: a block at the top of the template, ended by a blank line. */
        private void parseValues() {
            String line;
            while ((line = nextLine()) != null) {
                if (line.isEmpty()) {
                    return;
                }
                if (isComment(line)) {
                    continue;
                }
                if (line.startsWith("Value ")) {
                    ValueDef value;
                    try {
                        value = parseValue(line);
                    } catch (TextFsmTemplateException e) {
                        throw error(e.getMessage() + " Line " + lineNum + ".");
                    }
                    if (valueTemplates.containsKey(value.name())) {
                        throw error("Duplicate declarations for Value '" + value.name() + "'. Line: " + lineNum + ".");
                    }
                    values.add(value);
                    valueTemplates.put(value.name(), value.pythonTemplate());
                } else if (values.isEmpty()) {
                    throw error("No Value definitions found.");
                } else {
                    throw error("Expected blank line after last Value entry. Line: " + lineNum + ".");
                }
            }
        }

        /** 'Value [Option[,Option...]] Name (regex)', tokens split on single spaces as Python's split(' '). */
        private ValueDef parseValue(String line) {
            String[] tokens = line.split(" ", -1);
            if (tokens.length < 3) {
                throw error("Expect at least 3 tokens on line.");
            }
            List<ValueOption> options = new ArrayList<>();
            String name;
            String regex;
            if (!tokens[2].startsWith("(")) {
                for (String optionName : tokens[1].split(",", -1)) {
                    ValueOption option = ValueOption.fromTemplateName(optionName);
                    if (option != null && options.contains(option)) {
                        throw error("Duplicate option \"" + optionName + "\"");
                    }
                    if (option == null) {
                        throw error("Unknown option \"" + optionName + "\"");
                    }
                    options.add(option);
                }
                name = tokens[2];
                regex = String.join(" ", Arrays.asList(tokens).subList(3, tokens.length));
            } else {
                name = tokens[1];
                regex = String.join(" ", Arrays.asList(tokens).subList(2, tokens.length));
            }
            if (name.length() > MAX_NAME_LEN) {
                throw error("Invalid Value name '" + name + "' or name too long.");
            }
            if (regex.length() < 2 || !regex.startsWith("(") || !regex.endsWith(")")
                    || count(regex, '(') != count(regex, ')')) {
                throw error("Value '" + regex + "' must be contained within a '()' pair.");
            }
            PythonRegex.Compiled nested = null;
            if (options.contains(ValueOption.LIST)) {
                // A List value with nested named groups collects dicts of them: its own regex is needed at parse.
                try {
                    PythonRegex.Compiled own = PythonRegex.compile(regex);
                    if (own.groupCount() > 1 && !own.namedGroups().isEmpty()) {
                        nested = own;
                    }
                } catch (PatternSyntaxException e) {
                    throw error(describe(e));
                }
            }
            return new ValueDef(name, options.toArray(ValueOption[]::new), options.contains(ValueOption.FILLDOWN),
                    "(?P<" + name + ">" + regex.substring(1), nested);
        }

        private static int count(String s, char c) {
            return (int) s.chars().filter(x -> x == c).count();
        }

        /** One state: its name line, then rules until a blank line. Returns false once the template is over. */
        private boolean parseState() {
            State state = null;
            String line;
            while ((line = nextLine()) != null) {
                if (!line.isEmpty() && !isComment(line)) {
                    if (!STATE_NAME.pattern().matcher(line).lookingAt() || line.length() > MAX_NAME_LEN
                            || LINE_OPS.contains(line) || RECORD_OPS.contains(line)) {
                        throw error("Invalid state name: '" + line + "'. Line: " + lineNum);
                    }
                    if (states.containsKey(line)) {
                        throw error("Duplicate state name: '" + line + "'. Line: " + lineNum);
                    }
                    state = new State(line);
                    states.put(line, state);
                    break;
                }
            }
            while ((line = nextLine()) != null) {
                if (line.isEmpty()) {
                    break;
                }
                if (isComment(line)) {
                    continue;
                }
                if (!(line.startsWith(" ^") || line.startsWith("  ^") || line.startsWith("\t^"))) {
                    throw error("Missing white space or carat ('^') before rule. Line: " + lineNum);
                }
                state.rules.add(parseRule(line));
            }
            return state != null;
        }

        /** '^regex [-> [LineOp][.RecordOp] [NewState]]' */
        private Rule parseRule(String text) {
            String line = PythonText.strip(text);
            Matcher matchAction = MATCH_ACTION.pattern().matcher(line);
            boolean hasAction = matchAction.lookingAt();
            String match = hasAction ? matchAction.group(MATCH_ACTION.namedGroups().get("match")) : line;

            String regex = match;
            if (!valueTemplates.isEmpty()) {
                try {
                    regex = substitute(match, valueTemplates);
                } catch (IllegalArgumentException e) {
                    throw error("Duplicate or invalid variable substitution: '" + match + "'. Line: " + lineNum + ".");
                }
            }
            PythonRegex.Compiled compiled;
            try {
                compiled = PythonRegex.compile(regex);
            } catch (PatternSyntaxException e) {
                throw error("Invalid regular expression: '" + regex + "'. Line: " + lineNum + ". " + describe(e));
            }
            if (!hasAction) {
                return new Rule(lineNum, ruleCount++, compiled, values, LineOp.NEXT, RecordOp.NO_RECORD, null);
            }

            String action = matchAction.group(MATCH_ACTION.namedGroups().get("action"));
            Matcher actionMatch = null;
            PythonRegex.Compiled actionRegex = null;
            for (PythonRegex.Compiled candidate : ACTIONS) {
                Matcher m = candidate.pattern().matcher(action);
                if (m.lookingAt()) {
                    actionMatch = m;
                    actionRegex = candidate;
                    break;
                }
            }
            if (actionMatch == null) {
                throw error("Badly formatted rule '" + line + "'. Line: " + lineNum + ".");
            }
            String lineOp = group(actionMatch, actionRegex, "ln_op");
            String recordOp = group(actionMatch, actionRegex, "rec_op");
            String newState = group(actionMatch, actionRegex, "new_state");
            if ("Continue".equals(lineOp) && newState != null) {
                throw error("Action '" + lineOp + "' with new state " + newState + " specified. Line: " + lineNum + ".");
            }
            if (!"Error".equals(lineOp) && newState != null && !WORD.pattern().matcher(newState).lookingAt()) {
                throw error("Alphanumeric characters only in state names. Line: " + lineNum + ".");
            }
            return new Rule(lineNum, ruleCount++, compiled, values, lineOp(lineOp), recordOp(recordOp), newState);
        }

        private static LineOp lineOp(String name) {
            if (name == null) {
                return LineOp.NEXT;
            }
            return switch (name) {
                case "Continue" -> LineOp.CONTINUE;
                case "Error" -> LineOp.ERROR;
                default -> LineOp.NEXT;
            };
        }

        private static RecordOp recordOp(String name) {
            if (name == null) {
                return RecordOp.NO_RECORD;
            }
            return switch (name) {
                case "Record" -> RecordOp.RECORD;
                case "Clear" -> RecordOp.CLEAR;
                case "Clearall" -> RecordOp.CLEARALL;
                default -> RecordOp.NO_RECORD;
            };
        }

        /** An action part's text, null when absent (Python tests these groups for truth). */
        private static String group(Matcher m, PythonRegex.Compiled regex, String name) {
            Integer group = regex.namedGroups().get(name);
            String value = group == null ? null : m.group(group);
            return value == null || value.isEmpty() ? null : value;
        }

        private void validate() {
            lineNum = 0;
            if (!states.containsKey("Start")) {
                throw error("Missing state 'Start'.");
            }
            if (states.containsKey("End") && !states.get("End").rules.isEmpty()) {
                throw error("Non-Empty 'End' state.");
            }
            if (states.containsKey("EOF") && !states.get("EOF").rules.isEmpty()) {
                throw error("Non-Empty 'EOF' state.");
            }
            states.remove("End");
            for (State state : states.values()) {
                for (Rule rule : state.rules) {
                    if (rule.lineOp == LineOp.ERROR || rule.newState == null
                            || rule.newState.equals("End") || rule.newState.equals("EOF")) {
                        continue;
                    }
                    rule.target = states.get(rule.newState);
                    if (rule.target == null) {
                        throw error("State '" + rule.newState + "' not found, referenced in state '" + state.name + "'");
                    }
                }
            }
        }
    }

    /**
     * Python's {@code string.Template(s).substitute(map)}: {@code $name} and {@code ${name}} (ASCII identifiers)
     * are replaced, {@code $$} is a literal {@code $}; any other {@code $} or an unknown name is an error.
     */
    static String substitute(String s, Map<String, String> map) {
        StringBuilder out = new StringBuilder(s.length() + 32);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            int nameStart = i + 1;
            int nameEnd = identifierEnd(s, nameStart);
            if (nameStart < s.length() && s.charAt(nameStart) == '$') {
                out.append('$');
                i += 2;
            } else if (nameEnd > nameStart) {
                out.append(lookup(map, s.substring(nameStart, nameEnd)));
                i = nameEnd;
            } else if (nameStart < s.length() && s.charAt(nameStart) == '{'
                    && (nameEnd = identifierEnd(s, nameStart + 1)) > nameStart + 1
                    && nameEnd < s.length() && s.charAt(nameEnd) == '}') {
                out.append(lookup(map, s.substring(nameStart + 1, nameEnd)));
                i = nameEnd + 1;
            } else {
                throw new IllegalArgumentException("Invalid placeholder in string at " + i);
            }
        }
        return out.toString();
    }

    private static int identifierEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(i > from && c >= '0' && c <= '9')) {
                break;
            }
            i++;
        }
        return i;
    }

    private static String lookup(Map<String, String> map, String name) {
        String value = map.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Unknown value " + name);
        }
        return value;
    }

    /** A regex error as Python words it: what is wrong, and where. */
    static String describe(PatternSyntaxException e) {
        return e.getDescription() + (e.getIndex() >= 0 ? " at position " + e.getIndex() : "");
    }
}
