package dev.netpilot.driver.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When a read is complete: returns the end of the output that satisfies it, or -1 to keep reading. */
@FunctionalInterface
interface ReadCondition {

    int find(CharSequence text);

    /** The last (unfinished) line, cleaned of escapes, matches the pattern as a whole: a prompt. */
    static ReadCondition lastLine(Pattern pattern) {
        return text -> pattern.matcher(lastLineOf(text)).matches() ? text.length() : -1;
    }

    /** The pattern occurs anywhere in the output: a caller's {@code expect_string}. */
    static ReadCondition anywhere(Pattern pattern) {
        return text -> {
            Matcher matcher = pattern.matcher(text);
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
        int start = text.length();
        while (start > 0 && text.charAt(start - 1) != '\n') {
            start--;
        }
        return OutputNormalizer.stripAnsi(text.subSequence(start, text.length()).toString()).replace("\r", "");
    }
}
