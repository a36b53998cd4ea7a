package dev.netpilot.driver.cli;

import java.util.regex.Pattern;

/** The one place where raw terminal output becomes clean text. */
final class OutputNormalizer {

    /** CSI sequences (colours, cursor moves, bracketed-paste toggles), OSC titles and charset selections. */
    private static final Pattern ANSI = Pattern.compile(
            "\\x1B\\[[0-?]*[ -/]*[@-~]|\\x1B\\][^\\x07\\x1B]*(?:\\x07|\\x1B\\\\)|\\x1B[()][A-Za-z0-9]|\\x1B[=>78DEHM]");
    private static final Pattern LINE_ENDINGS = Pattern.compile("\\r+\\n|\\n\\r+");
    private static final Pattern STRAY_CR = Pattern.compile("\\r");

    private OutputNormalizer() {
    }

    static String stripAnsi(String text) {
        return text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll("");
    }

    /**
     * Strips escapes and pager leftovers, turns every line ending into {@code \n}, then removes the echoed
     * command (first line) and the trailing prompt (last line).
     */
    static String commandOutput(String raw, String command, Platform platform) {
        String text = clean(raw, platform);
        int firstNewline = text.indexOf('\n');
        if (firstNewline >= 0 && text.substring(0, firstNewline).strip().endsWith(command.strip())) {
            text = text.substring(firstNewline + 1);
        } else if (firstNewline < 0 && text.strip().endsWith(command.strip())) {
            text = "";
        }
        int lastNewline = text.lastIndexOf('\n');
        return lastNewline >= 0 ? text.substring(0, lastNewline) : "";
    }

    static String clean(String raw, Platform platform) {
        String text = stripAnsi(raw);
        text = platform.pagerArtifacts().matcher(text).replaceAll("");
        text = text.replace("\b", "");
        text = LINE_ENDINGS.matcher(text).replaceAll("\n");
        return STRAY_CR.matcher(text).replaceAll("");
    }
}
