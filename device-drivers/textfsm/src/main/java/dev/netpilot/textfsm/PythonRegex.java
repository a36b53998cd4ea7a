package dev.netpilot.textfsm;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Python {@code re} pattern (the dialect of TextFSM templates and of the ntc-templates index) into
 * an equivalent {@link Pattern}. The translation runs once per pattern, when a template is compiled; matching
 * then costs what plain {@code java.util.regex} costs.
 *
 * <p>Python semantics kept:
 * <ul>
 *   <li>{@code (?P<name>...)} and {@code (?P=name)}: every Python group becomes a plain Java group and names are
 *       kept in a table (Python names allow characters Java group names do not);</li>
 *   <li>{@code \d \w \s \b} and their negations are Unicode-aware exactly as in Python ({@code \s} includes
 *       {@code \x1c-\x1f}; {@code \w} is letters, numbers and {@code _}); {@code (?a)} makes them ASCII;</li>
 *   <li>{@code \Z} is the absolute end; {@code \v} is the vertical tab, not a class; {@code .} and {@code $}
 *       only treat {@code \n} as a line end;</li>
 *   <li>{@code {} {x} {,n}} quantifier forms, a {@code [} inside a class is literal, {@code ]} first in a class
 *       is literal, octal escapes, {@code (?x)} verbose mode, {@code (?#...)} comments;</li>
 *   <li>a global inline flag such as {@code (?i)} applies to the whole pattern wherever it stands, as up to
 *       Python 3.10 (a value's regex always lands mid-pattern in a rule);</li>
 *   <li>possessive quantifiers and atomic groups {@code (?>...)} as Python 3.11 added them;</li>
 *   <li>what every Python rejects is rejected: unknown escapes such as {@code \p \h \z \Q},
 *       {@code (?<name>...)}, bad ranges like {@code [\w-.]}, repeated quantifiers like {@code a**}.</li>
 * </ul>
 * A template valid for any Python 3 that textfsm 1.1 runs on therefore compiles, with the same meaning.
 * Conditional groups {@code (?(1)a|b)} have no Java equivalent and are rejected.
 */
final class PythonRegex {

    /**
     * A translated pattern. It holds two Java patterns: one with Java's cheap ASCII classes, exact for any text
     * that {@link #isAsciiText} accepts (nearly all device output), and the Unicode-exact one, compiled on first
     * need. Immutable once built; the lazy field is a benign race (both threads compute the same pattern).
     */
    static final class Compiled {
        private final String python;
        private final boolean verbose;
        private final boolean ascii;
        private final Pattern asciiPattern;
        private volatile Pattern unicodePattern;
        private final Map<String, Integer> namedGroups;
        private final int groupCount;

        private Compiled(String python, boolean verbose, boolean ascii, Translator translated) {
            this.python = python;
            this.verbose = verbose;
            this.ascii = ascii;
            this.asciiPattern = translated.pattern();
            this.unicodePattern = ascii ? asciiPattern : null;
            this.namedGroups = Collections.unmodifiableMap(translated.named);
            this.groupCount = translated.groups;
        }

        /** The fast pattern, exact only for text that {@link #isAsciiText} accepts. */
        Pattern asciiPattern() {
            return asciiPattern;
        }

        /** The pattern that matches {@code text} as Python would. */
        Pattern patternFor(String text) {
            return isAsciiText(text) ? asciiPattern : pattern();
        }

        /** The Unicode-exact pattern, good for any text. */
        Pattern pattern() {
            Pattern p = unicodePattern;
            if (p == null) {
                Translator t = new Translator(python, verbose, ascii, false);
                t.run();
                p = t.pattern();
                unicodePattern = p;
            }
            return p;
        }

        /** Python group names to group numbers, in definition order. */
        Map<String, Integer> namedGroups() {
            return namedGroups;
        }

        int groupCount() {
            return groupCount;
        }
    }

    private PythonRegex() {
    }

    /** @throws PatternSyntaxException if Python would reject the pattern, or Java cannot express it */
    static Compiled compile(String python) {
        boolean verbose = false;
        boolean ascii = false;
        while (true) {
            try {
                Translator t = new Translator(python, verbose, ascii, true);
                t.run();
                return new Compiled(python, verbose, ascii, t);
            } catch (Restart restart) {
                // A global (?x) or (?a) found mid-pattern applies to the whole pattern, as in Python: start over.
                verbose = restart.verbose;
                ascii = restart.ascii;
            }
        }
    }

    /**
     * True when Python's Unicode {@code \d \w \s \b} behave on {@code text} exactly as Java's ASCII ones: every
     * character is ASCII, and none is {@code \x1c-\x1f} (space to Python, not to Java).
     */
    static boolean isAsciiText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || (c >= 0x1c && c <= 0x1f)) {
                return false;
            }
        }
        return true;
    }

    private static final class Restart extends RuntimeException {
        final boolean verbose;
        final boolean ascii;

        Restart(boolean verbose, boolean ascii) {
            super(null, null, false, false);
            this.verbose = verbose;
            this.ascii = ascii;
        }
    }

    /** Python {@code \s}: {@code str.isspace()} characters. */
    private static final String SPACE = "\\s\\x{1c}-\\x{1f}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
            + "\\x{202f}\\x{205f}\\x{3000}";
    /** Python {@code \w}: letters, numbers and underscore (ASCII first, the common case). */
    private static final String WORD = "\\w\\p{L}\\p{N}";

    private enum Last { NOTHING, ATOM, REPEAT }

    private record Scope(int group, boolean verbose, boolean ascii) {
    }

    private static final class Translator {
        private final String src;
        private final boolean verboseGlobal;
        private final boolean asciiGlobal;
        /** Emit Java's ASCII classes for \d \w \s \b whatever the flags: the variant for ASCII text. */
        private final boolean asciiClasses;
        private final StringBuilder out = new StringBuilder();
        private final Deque<Scope> scopes = new ArrayDeque<>();
        private final Set<Integer> openGroups = new HashSet<>();
        private final Map<String, Integer> named = new LinkedHashMap<>();
        private int pos;
        private int groups;
        private int flags = Pattern.UNIX_LINES;
        private Last last = Last.NOTHING;

        Translator(String src, boolean verbose, boolean ascii, boolean asciiClasses) {
            this.src = src;
            this.verboseGlobal = verbose;
            this.asciiGlobal = ascii;
            this.asciiClasses = asciiClasses;
            if (!ascii) {
                flags |= Pattern.UNICODE_CASE;
            }
        }

        void run() {
            while (pos < src.length()) {
                step();
            }
            if (!scopes.isEmpty()) {
                throw error("missing ), unterminated subpattern", pos);
            }
        }

        Pattern pattern() {
            try {
                return Pattern.compile(out.toString(), flags);
            } catch (PatternSyntaxException e) {
                throw new PatternSyntaxException(e.getDescription(), src, -1);
            }
        }

        private boolean verbose() {
            return scopes.isEmpty() ? verboseGlobal : scopes.peek().verbose();
        }

        private boolean ascii() {
            return asciiClasses || (scopes.isEmpty() ? asciiGlobal : scopes.peek().ascii());
        }

        private PatternSyntaxException error(String description, int index) {
            return new PatternSyntaxException(description, src, index);
        }

        private void step() {
            int c = src.codePointAt(pos);
            if (verbose()) {
                if (c == ' ' || (c >= '\t' && c <= '\r')) {
                    pos++;
                    return;
                }
                if (c == '#') {
                    int newline = src.indexOf('\n', pos);
                    pos = newline < 0 ? src.length() : newline + 1;
                    return;
                }
            }
            switch (c) {
                case '(' -> group();
                case ')' -> closeGroup();
                case '[' -> {
                    charClass();
                    last = Last.ATOM;
                }
                case '\\' -> escape();
                case '{' -> braces();
                case '*', '+', '?' -> {
                    pos++;
                    repeat(String.valueOf((char) c), pos - 1);
                }
                case '|', '^', '$' -> {
                    pos++;
                    out.append((char) c);
                    last = Last.NOTHING;
                }
                case '.' -> {
                    pos++;
                    out.append('.');
                    last = Last.ATOM;
                }
                default -> {
                    pos += Character.charCount(c);
                    out.append(literal(c));
                    last = Last.ATOM;
                }
            }
        }

        private void repeat(String quantifier, int at) {
            if (last == Last.NOTHING) {
                throw error("nothing to repeat", at);
            }
            if (last == Last.REPEAT) {
                throw error("multiple repeat", at);
            }
            out.append(quantifier);
            if (pos < src.length() && (src.charAt(pos) == '?' || src.charAt(pos) == '+')) {
                out.append(src.charAt(pos++)); // lazy, or possessive (Python 3.11)
            }
            last = Last.REPEAT;
        }

        /** A '{' is a quantifier only in the forms {m} {m,} {,n} {m,n} {,}; otherwise Python reads it literally. */
        private void braces() {
            int start = pos;
            int i = pos + 1;
            int loEnd = digitsEnd(i);
            String lo = src.substring(i, loEnd);
            i = loEnd;
            String hi = null;
            if (i < src.length() && src.charAt(i) == ',') {
                int hiEnd = digitsEnd(i + 1);
                hi = src.substring(i + 1, hiEnd);
                i = hiEnd;
            }
            boolean valid = i < src.length() && src.charAt(i) == '}' && !(lo.isEmpty() && hi == null);
            if (!valid) {
                pos++;
                out.append("\\{");
                last = Last.ATOM;
                return;
            }
            pos = i + 1;
            long min = lo.isEmpty() ? 0 : repeatCount(lo, start);
            String quantifier;
            if (hi == null) {
                quantifier = "{" + min + "}";
            } else if (hi.isEmpty()) {
                quantifier = "{" + min + ",}";
            } else {
                long max = repeatCount(hi, start);
                if (max < min) {
                    throw error("min repeat greater than max repeat", start);
                }
                quantifier = "{" + min + "," + max + "}";
            }
            repeat(quantifier, start);
        }

        private int digitsEnd(int from) {
            int i = from;
            while (i < src.length() && src.charAt(i) >= '0' && src.charAt(i) <= '9') {
                i++;
            }
            return i;
        }

        private long repeatCount(String digits, int at) {
            if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
                throw error("the repetition number is too large", at);
            }
            return Long.parseLong(digits);
        }

        private void group() {
            int start = pos++;
            if (pos >= src.length() || src.charAt(pos) != '?') {
                openCapture();
                return;
            }
            pos++;
            if (pos >= src.length()) {
                throw error("unexpected end of pattern", pos);
            }
            char kind = src.charAt(pos++);
            switch (kind) {
                case 'P' -> namedGroupOrReference(start);
                case ':' -> open("(?:");
                case '=' -> open("(?=");
                case '!' -> open("(?!");
                case '>' -> open("(?>"); // atomic group (Python 3.11)
                case '<' -> {
                    char next = pos < src.length() ? src.charAt(pos) : '\0';
                    if (next != '=' && next != '!') {
                        throw error("unknown extension ?<" + next, start);
                    }
                    pos++;
                    open("(?<" + next);
                }
                case '#' -> {
                    int close = src.indexOf(')', pos);
                    if (close < 0) {
                        throw error("missing ), unterminated comment", start);
                    }
                    pos = close + 1; // a comment is not an item: what precedes it can still be repeated
                }
                case '(' -> throw error("conditional groups (?(...)...) are not supported", start);
                default -> {
                    if ("aiLmsux-".indexOf(kind) < 0) {
                        throw error("unknown extension ?" + kind, start);
                    }
                    pos--;
                    inlineFlags(start);
                }
            }
        }

        private void namedGroupOrReference(int start) {
            char next = pos < src.length() ? src.charAt(pos) : '\0';
            if (next == '<') {
                pos++;
                String name = groupName('>');
                if (named.containsKey(name)) {
                    throw error("redefinition of group name '" + name + "'", start);
                }
                openCapture();
                named.put(name, groups);
            } else if (next == '=') {
                pos++;
                String name = groupName(')');
                Integer group = named.get(name);
                if (group == null) {
                    throw error("unknown group name '" + name + "'", start);
                }
                backReference(group, start);
            } else {
                throw error("unknown extension ?P" + next, start);
            }
        }

        private String groupName(char terminator) {
            int end = src.indexOf(terminator, pos);
            if (end < 0) {
                throw error("missing " + terminator + ", unterminated name", pos);
            }
            String name = src.substring(pos, end);
            if (name.isEmpty()) {
                throw error("missing group name", pos);
            }
            if (!isIdentifier(name)) {
                throw error("bad character in group name '" + name + "'", pos);
            }
            pos = end + 1;
            return name;
        }

        private void openCapture() {
            groups++;
            openGroups.add(groups);
            open("(", groups);
        }

        private void open(String javaGroupStart) {
            open(javaGroupStart, 0);
        }

        private void open(String javaGroupStart, int group) {
            out.append(javaGroupStart);
            scopes.push(new Scope(group, verbose(), ascii()));
            last = Last.NOTHING;
        }

        private void closeGroup() {
            if (scopes.isEmpty()) {
                throw error("unbalanced parenthesis", pos);
            }
            Scope scope = scopes.pop();
            openGroups.remove(scope.group());
            pos++;
            out.append(')');
            last = Last.ATOM;
        }

        /** (?aiLmsux) applies to the whole pattern; (?aiLmsux-imsx:...) to its group only. */
        private void inlineFlags(int start) {
            String add = flagLetters("aiLmsux");
            if (add.indexOf('L') >= 0) {
                throw error("bad inline flags: cannot use 'L' flag with a str pattern", start);
            }
            if (pos < src.length() && src.charAt(pos) == ')' && !add.isEmpty()) {
                pos++;
                if ((add.indexOf('x') >= 0 && !verboseGlobal) || (add.indexOf('a') >= 0 && !asciiGlobal)) {
                    throw new Restart(verboseGlobal || add.indexOf('x') >= 0, asciiGlobal || add.indexOf('a') >= 0);
                }
                flags |= (add.indexOf('i') >= 0 ? Pattern.CASE_INSENSITIVE : 0)
                        | (add.indexOf('m') >= 0 ? Pattern.MULTILINE : 0)
                        | (add.indexOf('s') >= 0 ? Pattern.DOTALL : 0);
                return;
            }
            String remove = "";
            if (pos < src.length() && src.charAt(pos) == '-') {
                pos++;
                remove = flagLetters("imsx");
                if (pos < src.length() && "auL".indexOf(src.charAt(pos)) >= 0) {
                    throw error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", pos);
                }
                if (remove.isEmpty()) {
                    throw error("missing flag", pos);
                }
            }
            if (pos >= src.length() || src.charAt(pos) != ':') {
                throw error("missing :", pos);
            }
            pos++;
            String javaAdd = keepOnly(add, "ims");
            String javaRemove = keepOnly(remove, "ims");
            out.append("(?").append(javaAdd).append(javaRemove.isEmpty() ? "" : "-" + javaRemove).append(':');
            boolean verbose = (verbose() || add.indexOf('x') >= 0) && remove.indexOf('x') < 0;
            scopes.push(new Scope(0, verbose, ascii() || add.indexOf('a') >= 0));
            last = Last.NOTHING;
        }

        private String flagLetters(String allowed) {
            int from = pos;
            while (pos < src.length() && allowed.indexOf(src.charAt(pos)) >= 0) {
                pos++;
            }
            return src.substring(from, pos);
        }

        private static String keepOnly(String letters, String allowed) {
            StringBuilder kept = new StringBuilder();
            letters.chars().filter(c -> allowed.indexOf(c) >= 0).distinct().forEach(c -> kept.append((char) c));
            return kept.toString();
        }

        private void escape() {
            int at = pos++;
            if (pos >= src.length()) {
                throw error("bad escape (end of pattern)", at);
            }
            int c = src.codePointAt(pos);
            pos += Character.charCount(c);
            switch (c) {
                case 'A' -> anchor("\\A");
                case 'Z' -> anchor("\\z");
                case 'b' -> anchor(boundary(true));
                case 'B' -> anchor(boundary(false));
                case 'd', 'D', 's', 'S', 'w', 'W' -> {
                    out.append(category(c, false));
                    last = Last.ATOM;
                }
                default -> {
                    if (c >= '1' && c <= '9') {
                        numericEscape(c, at);
                    } else {
                        out.append(literal(escapedCodePoint(c, at, false)));
                        last = Last.ATOM;
                    }
                }
            }
        }

        private void anchor(String java) {
            out.append(java);
            last = Last.NOTHING;
        }

        /** \1 to \99 refer to a group; three octal digits are a character, as Python reads them. */
        private void numericEscape(int first, int at) {
            char second = pos < src.length() ? src.charAt(pos) : '\0';
            if (second >= '0' && second <= '9') {
                char third = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
                if (isOctal(first) && isOctal(second) && isOctal(third)) {
                    pos += 2;
                    int value = Integer.parseInt(src.substring(at + 1, pos), 8);
                    if (value > 0377) {
                        throw error("octal escape value " + src.substring(at, pos) + " outside of range 0-0o377", at);
                    }
                    out.append(literal(value));
                    last = Last.ATOM;
                    return;
                }
                pos++;
                backReference((first - '0') * 10 + (second - '0'), at);
                return;
            }
            backReference(first - '0', at);
        }

        private void backReference(int group, int at) {
            if (group > groups) {
                throw error("invalid group reference " + group, at);
            }
            if (openGroups.contains(group)) {
                throw error("cannot refer to an open group", at);
            }
            // Wrapped so that a digit that follows is not read as part of the group number.
            out.append("(?:\\").append(group).append(')');
            last = Last.ATOM;
        }

        /** Escapes that stand for one character, shared by classes and the rest of the pattern. */
        private int escapedCodePoint(int c, int at, boolean inClass) {
            switch (c) {
                case 'a':
                    return 0x07;
                case 'b':
                    return 0x08; // only reached inside a class, where Python reads \b as backspace
                case 'f':
                    return 0x0C;
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 't':
                    return '\t';
                case 'v':
                    return 0x0B;
                case 'x':
                    return hexEscape(2, at);
                case 'u':
                    return hexEscape(4, at);
                case 'U':
                    return hexEscape(8, at);
                case 'N':
                    return namedCharacter(at);
                default:
                    break;
            }
            if (isOctal(c) && (c == '0' || inClass)) {
                int end = pos;
                while (end < src.length() && end - pos < 2 && isOctal(src.charAt(end))) {
                    end++;
                }
                int value = Integer.parseInt(src.substring(at + 1, end), 8);
                pos = end;
                if (value > 0377) {
                    throw error("octal escape value " + src.substring(at, end) + " outside of range 0-0o377", at);
                }
                return value;
            }
            if (c < 128 && Character.isLetterOrDigit(c)) {
                throw error("bad escape \\" + (char) c, at);
            }
            return c;
        }

        private int hexEscape(int digits, int at) {
            int end = pos;
            while (end < src.length() && end - pos < digits && Character.digit(src.charAt(end), 16) >= 0) {
                end++;
            }
            if (end - pos != digits) {
                throw error("incomplete escape " + src.substring(at, end), at);
            }
            long value = Long.parseLong(src.substring(pos, end), 16);
            pos = end;
            if (value > Character.MAX_CODE_POINT) {
                throw error("bad escape " + src.substring(at, end), at);
            }
            return (int) value;
        }

        private int namedCharacter(int at) {
            int end = src.indexOf('}', pos);
            if (pos >= src.length() || src.charAt(pos) != '{' || end < 0) {
                throw error("missing {", at);
            }
            String name = src.substring(pos + 1, end);
            pos = end + 1;
            try {
                return Character.codePointOf(name);
            } catch (IllegalArgumentException e) {
                throw error("undefined character name '" + name + "'", at);
            }
        }

        private void charClass() {
            int start = pos++;
            out.append('[');
            if (pos < src.length() && src.charAt(pos) == '^') {
                pos++;
                out.append('^');
            }
            boolean first = true;
            while (true) {
                if (pos >= src.length()) {
                    throw error("unterminated character set", start);
                }
                int itemStart = pos;
                int c = src.codePointAt(pos);
                pos += Character.charCount(c);
                if (c == ']' && !first) {
                    out.append(']');
                    return;
                }
                first = false;
                ClassItem from = classItem(c);
                if (pos < src.length() && src.charAt(pos) == '-') {
                    pos++;
                    if (pos >= src.length()) {
                        throw error("unterminated character set", start);
                    }
                    int c2 = src.codePointAt(pos);
                    pos += Character.charCount(c2);
                    if (c2 == ']') {
                        out.append(from.java()).append("\\-]");
                        return;
                    }
                    ClassItem to = classItem(c2);
                    if (from.codePoint() < 0 || to.codePoint() < 0 || to.codePoint() < from.codePoint()) {
                        throw error("bad character range " + src.substring(itemStart, pos), itemStart);
                    }
                    out.append(from.java()).append('-').append(to.java());
                } else {
                    out.append(from.java());
                }
            }
        }

        /** One class member: a single character (codePoint >= 0) or a category such as \d (codePoint -1). */
        private record ClassItem(int codePoint, String java) {
        }

        private ClassItem classItem(int c) {
            if (c != '\\') {
                return new ClassItem(c, literal(c));
            }
            int at = pos - 1;
            if (pos >= src.length()) {
                throw error("unterminated character set", at);
            }
            int e = src.codePointAt(pos);
            pos += Character.charCount(e);
            if ("dDsSwW".indexOf(e) >= 0) {
                return new ClassItem(-1, category(e, true));
            }
            int code = escapedCodePoint(e, at, true);
            return new ClassItem(code, literal(code));
        }

        private String category(int c, boolean inClass) {
            if (ascii()) {
                return "\\" + (char) c; // Java's own \d \w \s are exactly Python's ASCII ones
            }
            return switch (c) {
                case 'd' -> "\\p{Nd}";
                case 'D' -> "\\P{Nd}";
                case 'w' -> inClass ? WORD : "[" + WORD + "]";
                case 'W' -> "[^" + WORD + "]";
                case 's' -> inClass ? SPACE : "[" + SPACE + "]";
                default -> "[^" + SPACE + "]";
            };
        }

        /** Python's \b and \B, with Python's idea of a word character, neither matching in an empty string. */
        private String boundary(boolean word) {
            String w = ascii() ? "\\w" : "[" + WORD + "]";
            if (word) {
                return "(?:(?<=" + w + ")(?!" + w + ")|(?<!" + w + ")(?=" + w + "))";
            }
            return "(?:(?<=" + w + ")(?=" + w + ")|(?<!" + w + ")(?!" + w + ")(?:(?<=[\\s\\S])|(?=[\\s\\S])))";
        }
    }

    /** A character as a Java pattern literal, valid both inside and outside a class. */
    private static String literal(int c) {
        if (Character.isLetterOrDigit(c)) {
            return Character.toString(c);
        }
        if (c > 32 && c < 127) {
            return "\\" + (char) c;
        }
        return "\\x{" + Integer.toHexString(c) + "}";
    }

    private static boolean isOctal(int c) {
        return c >= '0' && c <= '7';
    }

    /** Python's {@code str.isidentifier()}, close enough for group names. */
    static boolean isIdentifier(String name) {
        int first = name.codePointAt(0);
        if (first != '_' && !Character.isLetter(first)) {
            return false;
        }
        return name.codePoints().allMatch(c -> c == '_' || Character.isLetterOrDigit(c)
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK
                || Character.getType(c) == Character.CONNECTOR_PUNCTUATION);
    }
}
