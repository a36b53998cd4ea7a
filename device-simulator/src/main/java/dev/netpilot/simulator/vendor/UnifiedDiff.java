package dev.netpilot.simulator.vendor;

import java.util.ArrayList;
import java.util.List;

/**
 * The hunks of a unified diff ({@code @@ -a,b +c,d @@}, three lines of context), as EOS prints
 * {@code show session-config diffs}. The common head and tail are cut before a longest-common-subsequence match of
 * what is left, so a small change to a big configuration stays cheap.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The hunks turning {@code from} into {@code to}; empty when they are equal. */
    static String hunks(List<String> from, List<String> to) {
        int head = 0;
        while (head < from.size() && head < to.size() && from.get(head).equals(to.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < from.size() - head && tail < to.size() - head
                && from.get(from.size() - 1 - tail).equals(to.get(to.size() - 1 - tail))) {
            tail++;
        }
        // one edit script over the whole text: ' ', '-' or '+' with the line
        List<String> script = new ArrayList<>();
        from.subList(0, head).forEach(line -> script.add(" " + line));
        script.addAll(middle(from.subList(head, from.size() - tail), to.subList(head, to.size() - tail)));
        from.subList(from.size() - tail, from.size()).forEach(line -> script.add(" " + line));
        return render(script);
    }

    private static List<String> middle(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> script = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                script.add(" " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                script.add("-" + a.get(i++)); // removed lines first, as diff prints them
            } else {
                script.add("+" + b.get(j++));
            }
        }
        return script;
    }

    /** Groups changed lines with their context into hunks. */
    private static String render(List<String> script) {
        StringBuilder out = new StringBuilder();
        int n = script.size();
        int at = 0;
        while (at < n) {
            while (at < n && script.get(at).charAt(0) == ' ') {
                at++;
            }
            if (at == n) {
                break;
            }
            int start = Math.max(0, at - CONTEXT);
            int end = at;
            int lastChange = at;
            while (end < n) {
                if (script.get(end).charAt(0) != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(n, lastChange + CONTEXT + 1);
            int fromLine = 1;
            int toLine = 1;
            for (String line : script.subList(0, start)) {
                fromLine += line.charAt(0) != '+' ? 1 : 0;
                toLine += line.charAt(0) != '-' ? 1 : 0;
            }
            int fromCount = 0;
            int toCount = 0;
            for (String line : script.subList(start, end)) {
                fromCount += line.charAt(0) != '+' ? 1 : 0;
                toCount += line.charAt(0) != '-' ? 1 : 0;
            }
            out.append("@@ -").append(fromLine).append(',').append(fromCount)
                    .append(" +").append(toLine).append(',').append(toCount).append(" @@\n");
            script.subList(start, end).forEach(line -> out.append(line).append('\n'));
            at = end;
        }
        return out.toString();
    }
}
