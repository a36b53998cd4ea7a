package dev.netpilot.driver.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a read is complete: returns the end of the output that satisfies it, or -1 to keep reading. Called once per
 * chunk with everything unread so far, so conditions look at the tail or search incrementally: a 5 MB output must
 * not be scanned again for every 32 kB that arrives.
 */
@FunctionalInterface
interface ReadCondition {

    /** How far back an incremental search starts before the previous end, so a match split across chunks is found. */
    int OVERLAP = 4096;

    int find(CharSequence text);

    /** The last (unfinished) line, cleaned of escapes, matches the pattern as a whole: a prompt. */
    static ReadCondition lastLine(Pattern pattern) {
        return text -> pattern.matcher(lastLineOf(text)).matches() ? text.length() : -1;
    }

    /**
     * The pattern occurs in the output: a caller's {@code expect_string}. Each call searches only the text added since
     * the last one (plus {@link #OVERLAP} characters), so a match longer than that across chunks may be missed.
     */
    static ReadCondition anywhere(Pattern pattern) {
        int[] searched = {0};
        return text -> {
            Matcher matcher = pattern.matcher(text);
            matcher.useTransparentBounds(true).useAnchoringBounds(false)
                    .region(Math.max(0, searched[0] - OVERLAP), text.length());
            searched[0] = text.length();
            return matcher.find() ? text.length() : -1;
        };
    }

    default ReadCondition or(ReadCondition other) {
        return text -> {
            int end = find(text);
            return end >= 0 ? end : other.find(text);
        };
    }

    static String lastLineOf(CharSequence text) {
        return lastLineOf(text, 0);
    }

    /** The last line, starting no earlier than {@code from}, without escapes and carriage returns. */
    static String lastLineOf(CharSequence text, int from) {
        int start = text.length();
        while (start > from && text.charAt(start - 1) != '\n') {
            start--;
        }
        return OutputNormalizer.stripAnsi(text.subSequence(start, text.length()).toString()).replace("\r", "");
    }
}
