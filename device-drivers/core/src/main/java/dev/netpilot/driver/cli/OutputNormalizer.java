package dev.netpilot.driver.cli;

import java.util.regex.Pattern;

/** The one place where raw terminal output becomes clean text. */
final class OutputNormalizer {

    /** CSI sequences (colours, cursor moves, bracketed-paste toggles), OSC titles and charset selections. */
    private static final Pattern ANSI = Pattern.compile(
            "\\x1B\\[[0-?]*[ -/]*[@-~]|\\x1B\\][^\\x07\\x1B]*(?:\\x07|\\x1B\\\\)|\\x1B[()][A-Za-z0-9]|\\x1B[=>78DEHM]");

    private OutputNormalizer() {
    }

    static String stripAnsi(String text) {
        return text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll("");
    }

    /**
     * Strips escapes and pager leftovers, turns every line ending into {@code \n}, then removes the echoed
     * command (first line), the trailing prompt (last line) and the context lines above it (Junos {@code [edit]}).
     */
    static String commandOutput(String raw, String command, Platform platform) {
        String text = clean(raw, platform);
        int firstNewline = text.indexOf('\n');
        if (firstNewline >= 0 && text.substring(0, firstNewline).strip().endsWith(command.strip())) {
            text = text.substring(firstNewline + 1);
        } else if (firstNewline < 0 && text.strip().endsWith(command.strip())) {
            text = "";
        }
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return "";
        }
        return platform.contextLine() == null ? text.substring(0, end) : withoutContext(text, end, platform);
    }

    /** Cuts the context lines (and the blank lines around them) at the end of {@code text[0, end)}. */
    private static String withoutContext(String text, int end, Platform platform) {
        int cut = end;
        boolean context = false;
        while (end > 0) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(start, end).strip();
            if (!line.isEmpty() && !platform.contextLine().matcher(line).matches()) {
                break;
            }
            context |= !line.isEmpty();
            if (context) {
                cut = Math.max(start - 1, 0);
            }
            end = start - 1;
        }
        return text.substring(0, cut);
    }

    /**
     * Pager leftovers go first: their erasing (backspaces, cursor moves) must be removed before escapes are. Every
     * line ending becomes {@code \n}: carriage returns, alone or around a newline, are dropped.
     */
    static String clean(String raw, Platform platform) {
        String text = platform.pagerWord() != null && raw.contains(platform.pagerWord())
                ? platform.pagerArtifacts().matcher(raw).replaceAll("") : raw;
        return stripAnsi(text).replace("\b", "").replace("\r", "");
    }
}
