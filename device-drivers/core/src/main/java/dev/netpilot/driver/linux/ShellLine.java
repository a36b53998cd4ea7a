package dev.netpilot.driver.linux;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the shell lines the Linux driver sends, in one place: POSIX quoting, the working directory and exported
 * variables in front of a command, and the sudo wrapping. A password never becomes part of a line: sudo reads it
 * from stdin ({@code -S}).
 */
final class ShellLine {

    /** What sudo prints when it asks for a password; removed from every output. */
    static final Pattern SUDO_PROMPT = Pattern.compile("\\[sudo\\] password for [^:\\n]*: ?");

    private ShellLine() {
    }

    /** {@code text} as one single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\"'\"'") + "'";
    }

    /** {@code cd <dir> && export K='v' && ... && } for the options, or "" when neither is set. */
    static String prelude(LinuxOptions options) {
        StringBuilder line = new StringBuilder();
        if (options.workingDirectory() != null) {
            line.append("cd ").append(quote(options.workingDirectory())).append(" && ");
        }
        for (Map.Entry<String, String> variable : options.environment().entrySet()) {
            line.append("export ").append(variable.getKey()).append('=').append(quote(variable.getValue()))
                    .append(" && ");
        }
        return line.toString();
    }

    /**
     * {@code command} with the prelude, run through {@code sudo} when asked: {@code sudo -S} reads the password from
     * stdin when there is one ({@code withPassword}); otherwise {@code sudo -n} fails at once instead of waiting for
     * a password nobody will type. Under sudo the prelude runs inside the root shell (sudo resets the environment).
     */
    static String of(String command, LinuxOptions options, boolean withPassword) {
        String prelude = prelude(options);
        if (prelude.isEmpty() && !options.sudo()) {
            return command;
        }
        // several lines run as one group, so that all of them depend on the prelude
        String inner = prelude + (command.contains("\n") ? "{\n" + command + "\n}" : command);
        if (!options.sudo()) {
            return inner;
        }
        return (withPassword ? "sudo -S " : "sudo -n ") + "bash -c " + quote(inner);
    }

    /**
     * Output with sudo's password prompts and every line that shows {@code password} removed (a terminal echoes
     * what sudo reads); a terminal's line ends ({@code pty}) made plain.
     */
    static String clean(String output, String password, boolean pty) {
        String text = pty ? output.replace("\r\n", "\n") : output;
        text = SUDO_PROMPT.matcher(text).replaceAll("");
        if (password == null || password.isEmpty() || !text.contains(password)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (String line : text.split("(?<=\n)")) {
            if (!line.contains(password)) {
                kept.append(line);
            }
        }
        return kept.toString();
    }
}
