package dev.netpilot.textfsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds the templates for a command through a TextFSM index file (the ntc-templates {@code index}, read as Python
 * textfsm's clitable reads it) and parses command output with them.
 *
 * <p>Index format: {@code #} comment lines; a header line naming the columns (ntc-templates:
 * {@code Template, Hostname, Platform, Command}); then one line per entry. Every column but {@code Template} is a
 * Python regex matched from the start of the attribute ({@code re.match}); in {@code Command},
 * {@code sh[[ow]]} is an optional completion ({@code sh(o(w)?)?}). The first matching line wins. Its
 * {@code Template} column may list several templates joined by {@code :}; each parses the output and the later
 * tables are merged into the first on the {@code Key} values (on row position when there are no keys).
 *
 * <p>Thread-safe. Each template is compiled once, on first use, and cached.
 */
public final class CliTable {

    private static final Pattern COMPLETION = PythonRegex.compile("\\[\\[.+?\\]\\]").pattern();

    /** One index line: its templates and, per column, the compiled regex (absent when the cell is empty). */
    private record Entry(String templates, Map<String, Pattern> columns) {
    }

    private final Path templatesDir;
    private final Path indexFile;
    private final List<Entry> entries;
    private final ConcurrentMap<String, TextFsmTemplate> templates = new ConcurrentHashMap<>();

    private CliTable(Path templatesDir, Path indexFile, List<Entry> entries) {
        this.templatesDir = templatesDir;
        this.indexFile = indexFile;
        this.entries = entries;
    }

    /** Reads {@code templatesDir/index}. */
    public static CliTable load(Path templatesDir) {
        return load(templatesDir, "index");
    }

    /** Reads the index file {@code indexFileName} in {@code templatesDir}, where its templates must be too. */
    public static CliTable load(Path templatesDir, String indexFileName) {
        Path indexFile = templatesDir.resolve(indexFileName);
        String text;
        try {
            text = Files.readString(indexFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliTableException("Cannot read the TextFSM index " + indexFile
                    + ": point the templates directory at a checkout holding the index and its templates", e);
        }
        return new CliTable(templatesDir, indexFile, parseIndex(PythonText.fileLines(text), indexFile));
    }

    private static List<Entry> parseIndex(List<String> lines, Path indexFile) {
        int line = 0;
        String header = "";
        while (header.isEmpty()) {
            if (line >= lines.size()) {
                throw new CliTableException("Index file " + indexFile + " has no header line");
            }
            header = PythonText.strip(lines.get(line++).split("#", -1)[0]);
        }
        List<String> columns = new ArrayList<>();
        for (String column : header.split(",", -1)) {
            String name = PythonText.strip(column);
            if (columns.contains(name)) {
                throw new CliTableException("Duplicate header entry '" + name + "' in index file " + indexFile);
            }
            columns.add(name);
        }
        if (!columns.contains("Template")) {
            throw new CliTableException("Index file " + indexFile + " does not have 'Template' column.");
        }
        List<Entry> entries = new ArrayList<>();
        for (; line < lines.size(); line++) {
            if (lines.get(line).startsWith("#")) {
                continue;
            }
            String[] cells = lines.get(line).split(",", -1);
            if (cells.length != columns.size()) {
                continue; // clitable silently drops lines of the wrong width, blank lines included
            }
            String templates = null;
            Map<String, Pattern> regexes = new HashMap<>();
            for (int c = 0; c < cells.length; c++) {
                String cell = PythonText.strip(cells[c]);
                String column = columns.get(c);
                if (column.equals("Template")) {
                    templates = cell;
                } else if (!cell.isEmpty()) {
                    if (column.equals("Command")) {
                        cell = expandCompletion(cell);
                    }
                    try {
                        regexes.put(column, PythonRegex.compile(cell).pattern());
                    } catch (PatternSyntaxException e) {
                        throw new CliTableException("Invalid regular expression in column " + column + " of "
                                + indexFile + " line " + (line + 1) + ": " + TextFsmTemplate.describe(e));
                    }
                }
            }
            entries.add(new Entry(templates, Map.copyOf(regexes)));
        }
        return List.copyOf(entries);
    }

    /** {@code abc[[xyz]]} becomes {@code abc(x(y(z)?)?)?}: any prefix of the bracketed word may be typed. */
    static String expandCompletion(String command) {
        Matcher m = COMPLETION.matcher(command);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group().substring(2, m.group().length() - 2);
            StringBuilder expansion = new StringBuilder();
            word.codePoints().forEach(c -> expansion.append('(').appendCodePoint(c));
            expansion.append(")?".repeat(word.codePointCount(0, word.length())));
            m.appendReplacement(out, Matcher.quoteReplacement(expansion.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The templates the first matching index line lists for this platform and command, in order. */
    public Optional<List<String>> templatesFor(String platform, String command) {
        for (Entry entry : entries) {
            if (matches(entry, "Platform", platform) && matches(entry, "Command", command)) {
                return Optional.of(List.of(entry.templates().split(":", -1)));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Entry entry, String column, String attribute) {
        Pattern regex = entry.columns().get(column);
        return regex == null || regex.matcher(attribute).lookingAt();
    }

    /**
     * Parses a command's output with the templates the index gives for it.
     *
     * @throws CliTableException if the index has no template for the command, or a template file is missing
     * @throws TextFsmParseException if a template's {@code Error} action fires
     */
    public ParseResult parse(String platform, String command, String output) {
        List<String> names = templatesFor(platform, command).orElseThrow(() -> new CliTableException(
                "No template found for platform '" + platform + "' and command '" + command + "' in " + indexFile));
        TextFsmTemplate first = template(names.get(0));
        Table table = new Table(first.parse(output));
        Set<String> keys = new LinkedHashSet<>(first.valueNamesWith(ValueOption.KEY));
        for (String name : names.subList(1, names.size())) {
            TextFsmTemplate next = template(name);
            if (keys.isEmpty()) {
                // As clitable: the keys are those of the first template that declares any.
                keys.addAll(next.valueNamesWith(ValueOption.KEY));
            }
            table.extend(next.parse(output), keys);
        }
        return table.toResult();
    }

    /** The compiled template of that file in the templates directory, compiled once and cached. */
    public TextFsmTemplate template(String fileName) {
        try {
            return templates.computeIfAbsent(fileName, name -> {
                try {
                    return TextFsmTemplate.compile(templatesDir.resolve(name));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            String problem = e.getCause() instanceof NoSuchFileException ? "is missing from" : "cannot be read in";
            throw new CliTableException("Template '" + fileName + "' named by the index " + problem + " "
                    + templatesDir + ": use an index and templates from the same checkout", e.getCause());
        }
    }

    /** clitable's merge of several templates' results (texttable.extend). */
    private static final class Table {
        private final List<String> header;
        private final List<List<Object>> rows = new ArrayList<>();

        Table(ParseResult result) {
            header = new ArrayList<>(result.header());
            result.rows().forEach(row -> rows.add(new ArrayList<>(row)));
        }

        /** Adds the other table's new columns; a row takes them from the first other row with equal keys. */
        void extend(ParseResult other, Set<String> keys) {
            for (String key : keys) {
                if (!header.contains(key)) {
                    throw new CliTableException("Unknown key: '" + key + "': the templates of one index line "
                            + "must share their Key values");
                }
            }
            List<String> added = other.header().stream().filter(column -> !header.contains(column)).toList();
            if (added.isEmpty()) {
                return;
            }
            int[] from = added.stream().mapToInt(column -> other.header().indexOf(column)).toArray();
            header.addAll(added);
            rows.forEach(row -> added.forEach(column -> row.add("")));
            if (keys.isEmpty()) {
                for (int r = 0; r < Math.min(rows.size(), other.rows().size()); r++) {
                    copy(other.rows().get(r), rows.get(r), from);
                }
                return;
            }
            int[] keyHere = keys.stream().mapToInt(header::indexOf).toArray();
            int[] keyThere = keys.stream().mapToInt(other.header()::indexOf).toArray();
            for (List<Object> row : rows) {
                for (List<Object> candidate : other.rows()) {
                    if (sameKeys(row, keyHere, candidate, keyThere)) {
                        copy(candidate, row, from);
                        break;
                    }
                }
            }
        }

        private static boolean sameKeys(List<Object> row, int[] here, List<Object> other, int[] there) {
            for (int k = 0; k < here.length; k++) {
                if (there[k] < 0) {
                    throw new CliTableException("A Key value is missing from a later template of the index line: "
                            + "the templates of one index line must share their Key values");
                }
                if (!row.get(here[k]).equals(other.get(there[k]))) {
                    return false;
                }
            }
            return true;
        }

        private void copy(List<Object> source, List<Object> target, int[] from) {
            int base = header.size() - from.length;
            for (int c = 0; c < from.length; c++) {
                target.set(base + c, source.get(from[c]));
            }
        }

        ParseResult toResult() {
            List<List<Object>> out = new ArrayList<>(rows.size());
            for (List<Object> row : rows) {
                out.add(List.copyOf(row.stream().map(Table::pythonStr).toList()));
            }
            return new ParseResult(header, out);
        }

        /** clitable stores every cell through str(): a None inside a List value becomes "None". */
        private static Object pythonStr(Object cell) {
            if (cell instanceof List<?> list && list.contains(null)) {
                return Arrays.asList(list.stream().map(item -> item == null ? "None" : item).toArray());
            }
            return cell;
        }
    }
}
