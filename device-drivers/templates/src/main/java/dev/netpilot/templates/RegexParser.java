package dev.netpilot.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A plain regular expression with named groups: one record per match, in order, over the whole output. The
 * record's keys are the group names in the order they appear in the pattern; a group that took no part in the
 * match is null. The pattern is Java's syntax with {@code MULTILINE} on ({@code ^} and {@code $} match at each
 * line); Python's {@code (?P<name>...)} and {@code (?P=name)} are accepted, and names may hold underscores.
 */
public final class RegexParser implements TemplateParser {

    public static final String NAME = "regex";

    private final LruCache<String, NamedPattern> patterns = new LruCache<>(256, RegexParser::compile);

    /** The compiled pattern; group {@code i} of the Java pattern is named {@code g<i>} and means {@code names[i]}. */
    private record NamedPattern(Pattern pattern, List<String> names) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Map<String, Object>> parse(ParseSpec spec, String text) {
        NamedPattern named = pattern(spec);
        List<Map<String, Object>> records = new ArrayList<>();
        Matcher matcher = named.pattern().matcher(text);
        while (matcher.find()) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < named.names().size(); i++) {
                record.put(named.names().get(i), matcher.group("g" + i));
            }
            records.add(record);
        }
        return records;
    }

    @Override
    public void check(ParseSpec spec) {
        pattern(spec);
    }

    private NamedPattern pattern(ParseSpec spec) {
        if (spec.ntc() != null) {
            throw new InvalidSpecException("use_ntc_template", "the regex parser has no ntc-templates: give "
                    + "`template`, a regex with named groups, or use the textfsm parser");
        }
        return patterns.get(spec.template());
    }

    private static NamedPattern compile(String regex) {
        List<String> names = new ArrayList<>();
        StringBuilder java = new StringBuilder(regex.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                if (!inClass && regex.startsWith("k<", i + 1)) {
                    int end = nameEnd(regex, i + 3, '>');
                    java.append("\\k<").append(group(names, regex.substring(i + 3, end), false)).append('>');
                    i = end;
                } else {
                    java.append(c).append(regex.charAt(++i));
                }
            } else if (inClass) {
                inClass = c != ']';
                java.append(c);
            } else if (c == '[') {
                inClass = true;
                java.append(c);
                if (regex.startsWith("^", i + 1)) {
                    java.append(regex.charAt(++i));
                }
                if (regex.startsWith("]", i + 1)) {
                    java.append(regex.charAt(++i));
                }
            } else if (regex.startsWith("(?P<", i) || (regex.startsWith("(?<", i) && i + 3 < regex.length()
                    && (Character.isLetter(regex.charAt(i + 3)) || regex.charAt(i + 3) == '_'))) {
                int start = regex.indexOf('<', i) + 1;
                int end = nameEnd(regex, start, '>');
                java.append("(?<").append(group(names, regex.substring(start, end), true)).append('>');
                i = end;
            } else if (regex.startsWith("(?P=", i)) {
                int end = nameEnd(regex, i + 4, ')');
                java.append("(?:\\k<").append(group(names, regex.substring(i + 4, end), false)).append(">)");
                i = end;
            } else {
                java.append(c);
            }
        }
        if (names.isEmpty()) {
            throw new TemplateException("regex: the pattern has no named group; name each value to capture, "
                    + "e.g. (?P<interface>\\S+)\\s+(?P<status>up|down)");
        }
        try {
            return new NamedPattern(Pattern.compile(java.toString(), Pattern.MULTILINE), List.copyOf(names));
        } catch (PatternSyntaxException e) {
            throw new TemplateException("regex: invalid pattern: " + e.getDescription() + " near index "
                    + e.getIndex() + " of " + regex);
        }
    }

    private static int nameEnd(String regex, int start, char terminator) {
        int end = regex.indexOf(terminator, start);
        if (end < 0) {
            throw new TemplateException("regex: unterminated group name at index " + start + " of " + regex);
        }
        return end;
    }

    /** The Java name of group {@code name}: a new group when {@code defining}, else a reference to one. */
    private static String group(List<String> names, String name, boolean defining) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new TemplateException("regex: bad group name '" + name + "': use letters, digits and _");
        }
        int index = names.indexOf(name);
        if (defining) {
            if (index >= 0) {
                throw new TemplateException("regex: the group name '" + name + "' is used twice");
            }
            names.add(name);
            return "g" + (names.size() - 1);
        }
        if (index < 0) {
            throw new TemplateException("regex: reference to unknown group '" + name + "'");
        }
        return "g" + index;
    }
}
