package dev.netpilot.simulator.ios;

import java.util.ArrayList;
import java.util.List;

/**
 * The IOS command parser: a tree of keywords and arguments in which every keyword may be shortened to
 * any unique prefix ({@code sh ip int br}). Errors are located the way IOS locates them: the column
 * where the input stopped matching, an abbreviation that fits several keywords, or a command that
 * ends too early.
 *
 * <p>Commands are added as syntax strings: lowercase words are keywords; {@code WORD} is one token,
 * {@code LINE} the rest of the line as typed, {@code A.B.C.D} an IPv4 address, {@code IFNAME} an
 * interface name, {@code <1-4094>} a number in range; a trailing {@code [x]} is optional.
 *
 * @param <A> what a complete command carries (a handler, or data describing it)
 */
final class CommandTree<A> {

    /** One typed word and the column it starts at. */
    record Token(String text, int start) {
    }

    sealed interface Parse<A> permits Match, Invalid, Incomplete, Ambiguous {
    }

    /**
     * A recognised command.
     *
     * @param words    the command with keywords spelled out and arguments normalised, e.g. [show, version]
     * @param args     the argument values only, in order
     * @param negated  the line started with {@code no}
     * @param complete false for a negated command that stops before its end ({@code no ip address})
     */
    record Match<A>(A action, List<String> words, List<String> args, boolean negated, boolean complete)
            implements Parse<A> {

        String text() {
            return String.join(" ", words);
        }
    }

    /** Input stopped matching at {@code column} of the line. */
    record Invalid<A>(int column) implements Parse<A> {
    }

    record Incomplete<A>() implements Parse<A> {
    }

    record Ambiguous<A>() implements Parse<A> {
    }

    private final Node<A> root = new Node<>("");

    void add(String syntax, A action) {
        Node<A> node = root;
        for (String element : syntax.split(" ")) {
            if (element.startsWith("[")) {
                node.action = action;
                element = element.substring(1, element.length() - 1);
            }
            node = node.child(element);
        }
        node.action = action;
    }

    /** Parses a line; when {@code negatable}, a leading {@code no} negates the command and may cut it short. */
    Parse<A> parse(String line, boolean negatable) {
        List<Token> tokens = tokenize(line);
        boolean negated = negatable && !tokens.isEmpty() && tokens.get(0).text().equalsIgnoreCase("no");
        if (negated && tokens.size() == 1) {
            return new Incomplete<>();
        }
        Node<A> node = root;
        List<String> words = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (int i = negated ? 1 : 0; i < tokens.size(); ) {
            Token token = tokens.get(i);
            List<Node<A>> keywords = node.keywordsStartingWith(token.text());
            Node<A> exact = keywords.stream().filter(k -> k.element.equalsIgnoreCase(token.text())).findFirst().orElse(null);
            if (exact != null || keywords.size() == 1) {
                node = exact != null ? exact : keywords.get(0);
                words.add(node.element);
                i++;
                continue;
            }
            if (keywords.size() > 1) {
                return new Ambiguous<>();
            }
            int taken = 0;
            for (Node<A> arg : node.children) {
                if (!arg.isKeyword()) {
                    taken = Arguments.match(arg.element, line, tokens, i, words);
                    if (taken > 0) {
                        args.add(words.get(words.size() - 1));
                        node = arg;
                        break;
                    }
                }
            }
            if (taken == 0) {
                return new Invalid<>(token.start() + node.longestKeywordPrefix(token.text()));
            }
            i += taken;
        }
        if (node.action != null) {
            return new Match<>(node.action, words, args, negated, true);
        }
        A below = negated && node != root ? node.firstActionBelow() : null;
        return below != null ? new Match<>(below, words, args, true, false) : new Incomplete<>();
    }

    static List<Token> tokenize(String line) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(new Token(line.substring(start, i), start));
            }
        }
        return tokens;
    }

    private static final class Node<A> {
        final String element;
        final List<Node<A>> children = new ArrayList<>();
        A action;

        Node(String element) {
            this.element = element;
        }

        boolean isKeyword() {
            return !Arguments.isArgument(element);
        }

        Node<A> child(String element) {
            for (Node<A> c : children) {
                if (c.element.equals(element)) {
                    return c;
                }
            }
            Node<A> c = new Node<>(element);
            children.add(c);
            return c;
        }

        List<Node<A>> keywordsStartingWith(String prefix) {
            List<Node<A>> found = new ArrayList<>();
            for (Node<A> c : children) {
                if (c.isKeyword() && c.element.length() >= prefix.length()
                        && c.element.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    found.add(c);
                }
            }
            return found;
        }

        /** How much of {@code text} some keyword here starts with: IOS puts its caret right after that. */
        int longestKeywordPrefix(String text) {
            int longest = 0;
            for (Node<A> c : children) {
                if (c.isKeyword()) {
                    int n = 0;
                    while (n < text.length() && n < c.element.length()
                            && Character.toLowerCase(text.charAt(n)) == Character.toLowerCase(c.element.charAt(n))) {
                        n++;
                    }
                    longest = Math.max(longest, n);
                }
            }
            return longest;
        }

        A firstActionBelow() {
            for (Node<A> c : children) {
                A a = c.action != null ? c.action : c.firstActionBelow();
                if (a != null) {
                    return a;
                }
            }
            return null;
        }
    }
}
