package dev.netpilot.simulator.ios;

import dev.netpilot.simulator.CliSession;
import dev.netpilot.simulator.Reply;
import dev.netpilot.simulator.SessionContext;
import dev.netpilot.simulator.ios.CommandTree.Ambiguous;
import dev.netpilot.simulator.ios.CommandTree.Invalid;
import dev.netpilot.simulator.ios.CommandTree.Match;
import dev.netpilot.simulator.ios.CommandTree.Parse;
import dev.netpilot.simulator.ios.IosGrammar.Config;
import dev.netpilot.simulator.ios.IosGrammar.Exec;
import dev.netpilot.simulator.ios.IosGrammar.Mode;
import java.util.List;

/** One logged-in IOS vty: the current mode, an open question (a password, a file name) and the terminal settings. */
final class IosSession implements CliSession {

    private static final int DEFAULT_LENGTH = 24;

    /** A question the device asked, whose answer the next line is. */
    private enum Question { NONE, ENABLE_SECRET, COPY_DESTINATION, CONFIGURE_SOURCE, BANNER_TEXT }

    final IosDevice device;
    final SessionContext context;
    final int vty;
    volatile long lastInputMillis = System.currentTimeMillis();

    private final StringBuilder out = new StringBuilder();
    private Mode mode = Mode.USER;
    /** Header of the section a sub-mode edits, e.g. "interface GigabitEthernet0/1". */
    private String section;
    private Question question = Question.NONE;
    private int badSecrets;
    private int terminalLength = DEFAULT_LENGTH;
    private boolean hangUp;
    private char bannerDelimiter;
    private final StringBuilder bannerText = new StringBuilder();

    IosSession(IosDevice device, SessionContext context, int vty) {
        this.device = device;
        this.context = context;
        this.vty = vty;
    }

    @Override
    public Reply greeting() {
        String motd = device.motd();
        out.setLength(0);
        out.append('\n');
        if (motd != null) {
            out.append(motd).append('\n');
        }
        return reply();
    }

    @Override
    public Reply line(String line) {
        lastInputMillis = System.currentTimeMillis();
        out.setLength(0);
        switch (question) {
            case ENABLE_SECRET -> answerSecret(line);
            case COPY_DESTINATION -> answerCopyDestination(line);
            case CONFIGURE_SOURCE -> answerConfigureSource(line);
            case BANNER_TEXT -> bannerLine(line);
            case NONE -> command(line, prompt().length());
        }
        return reply();
    }

    @Override
    public Reply ctrlZ(String line) {
        if (!mode.configuring() || question != Question.NONE) {
            return null;
        }
        out.setLength(0);
        command(line, prompt().length());
        mode = Mode.PRIVILEGED;
        section = null;
        return reply();
    }

    @Override
    public String exec(String command) {
        out.setLength(0);
        command(command, 0);
        return out.toString();
    }

    @Override
    public void close() {
        device.closed(this);
    }

    private Reply reply() {
        String prompt = switch (question) {
            case ENABLE_SECRET -> "Password: ";
            case COPY_DESTINATION -> "Destination filename [startup-config]? ";
            case CONFIGURE_SOURCE -> "Configuring from terminal, memory, or network [terminal]? ";
            case BANNER_TEXT -> "";
            case NONE -> hangUp ? "" : prompt();
        };
        return new Reply(out.toString(), prompt, question != Question.ENABLE_SECRET, terminalLength, hangUp);
    }

    String prompt() {
        return device.hostname() + mode.promptSuffix;
    }

    /** Runs one entered command; {@code column} is where the line starts on screen (after the prompt). */
    private void command(String line, int column) {
        if (line.isBlank()) {
            return;
        }
        context.countCommand().run();
        if (mode.configuring()) {
            configure(line, column);
        } else {
            execute(line, column);
        }
    }

    // ---- exec mode

    private void execute(String line, int column) {
        int bar = line.indexOf('|');
        Parse<Exec> parsed = (mode == Mode.USER ? IosGrammar.USER_EXEC : IosGrammar.PRIVILEGED_EXEC)
                .parse(bar < 0 ? line : line.substring(0, bar), false);
        if (!(parsed instanceof Match<Exec> command)) {
            error(parsed, line, column);
        } else if (bar < 0) {
            command.action().run(this, command.args());
        } else if (!command.words().get(0).equals("show")) {
            error(new Invalid<>(bar), line, column);
        } else {
            Parse<OutputFilter.Kind> filter = OutputFilter.parse(line.substring(bar + 1));
            if (filter instanceof Invalid<OutputFilter.Kind> invalid) {
                error(new Invalid<>(bar + 1 + invalid.column()), line, column);
            } else if (!(filter instanceof Match<OutputFilter.Kind> f)) {
                error(filter, line, column);
            } else {
                int start = out.length();
                command.action().run(this, command.args());
                String filtered = OutputFilter.apply(f.action(), f.args().get(0), out.substring(start));
                out.setLength(start);
                out.append(filtered);
            }
        }
    }

    void enable(List<String> args) {
        if (mode != Mode.USER) {
            return;
        }
        if (device.config.enableSecret().isEmpty()) {
            out.append("% No password set\n\n");
        } else {
            question = Question.ENABLE_SECRET;
        }
    }

    private void answerSecret(String secret) {
        question = Question.NONE;
        if (secret.equals(device.config.enableSecret())) {
            badSecrets = 0;
            mode = Mode.PRIVILEGED;
        } else if (++badSecrets >= 3) {
            badSecrets = 0;
            out.append("% Bad secrets\n\n");
        } else {
            out.append("% Access denied\n\n");
        }
    }

    void disable(List<String> args) {
        mode = Mode.USER;
    }

    void logout(List<String> args) {
        hangUp = true;
    }

    void terminalLength(List<String> args) {
        int length = Integer.parseInt(args.get(0));
        if (length != 0 || !device.config.pagingLocked()) {
            terminalLength = length;
        }
    }

    void askConfigureSource(List<String> args) {
        question = Question.CONFIGURE_SOURCE;
    }

    private void answerConfigureSource(String answer) {
        question = Question.NONE;
        String a = answer.strip();
        if (a.isEmpty() || "terminal".startsWith(a.toLowerCase())) {
            configureTerminal(List.of());
        } else {
            out.append("?Must be \"terminal\", \"memory\" or \"network\"\n");
        }
    }

    void configureTerminal(List<String> args) {
        out.append("Enter configuration commands, one per line.  End with CNTL/Z.\n");
        mode = Mode.CONFIG;
    }

    void askCopyDestination(List<String> args) {
        question = Question.COPY_DESTINATION;
    }

    private void answerCopyDestination(String answer) {
        question = Question.NONE;
        String a = answer.strip();
        if (a.isEmpty() || a.equals("startup-config")) {
            writeMemory(List.of());
        } else {
            out.append("%Error opening nvram:/").append(a).append(" (No such file or directory)\n");
        }
    }

    void writeMemory(List<String> args) {
        device.save();
        out.append("Building configuration...\n[OK]\n");
    }

    void ping(List<String> args) {
        out.append("Type escape sequence to abort.\n")
                .append("Sending 5, 100-byte ICMP Echos to ").append(args.get(0)).append(", timeout is 2 seconds:\n")
                .append("!!!!!\n")
                .append("Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/1 ms\n");
    }

    void showClock(List<String> args) {
        out.append(IosShow.clock());
    }

    void showIpInterfaceBrief(List<String> args) {
        out.append(IosShow.ipInterfaceBrief(device));
    }

    void showPrivilege(List<String> args) {
        out.append("Current privilege level is ").append(mode == Mode.USER ? 1 : 15).append('\n');
    }

    void showUsers(List<String> args) {
        out.append(IosShow.users(device, this));
    }

    void showVersion(List<String> args) {
        out.append(IosShow.version(device));
    }

    void showRunningConfig(List<String> args) {
        String body = device.runningConfig();
        out.append("Building configuration...\n\nCurrent configuration : ").append(body.length())
                .append(" bytes\n").append(body).append('\n');
    }

    void showStartupConfig(List<String> args) {
        String body = device.startupConfig();
        out.append("Using ").append(body.length()).append(" out of 262144 bytes\n").append(body).append('\n');
    }

    // ---- configuration mode

    private void configure(String line, int column) {
        Parse<Config> parsed = IosGrammar.config(mode).parse(line, true);
        if (!(parsed instanceof Match) && mode != Mode.CONFIG) {
            // a global command typed in a sub-mode runs at the top level and leaves the sub-mode, as on IOS
            Parse<Config> global = IosGrammar.GLOBAL.parse(line, true);
            if (global instanceof Match) {
                mode = Mode.CONFIG;
                section = null;
                parsed = global;
            }
        }
        if (!(parsed instanceof Match<Config> m)) {
            error(parsed, line, column);
            return;
        }
        Config c = m.action();
        if (m.negated() && !m.complete() && (c.key() == 0 || m.words().size() < c.key())) {
            out.append("% Incomplete command.\n\n");
            return;
        }
        switch (c.kind()) {
            case SET -> {
                if (m.negated()) {
                    device.running.remove(section, m.text());
                } else {
                    device.running.set(section, m.text(), c.key());
                }
            }
            case SECTION -> {
                if (m.negated()) {
                    device.running.removeSection(m.text());
                } else {
                    device.running.openSection(m.text());
                    mode = c.submode();
                    section = m.text();
                }
            }
            case HOSTNAME -> device.running.set(null, "hostname " + (m.negated() ? "Router" : m.args().get(0)), 1);
            case BANNER -> banner(m);
            case EXIT -> {
                mode = mode == Mode.CONFIG ? Mode.PRIVILEGED : Mode.CONFIG;
                section = null;
            }
            case END -> {
                mode = Mode.PRIVILEGED;
                section = null;
            }
            case DO -> {
                // exec commands run with the privileged tree here, since mode is not USER
                String command = m.args().get(0);
                execute(command, column + line.stripTrailing().length() - command.length());
            }
        }
    }

    /** {@code banner motd <d>text<d>}: text up to the delimiter, over several lines if it is not on this one. */
    private void banner(Match<Config> m) {
        if (m.negated()) {
            device.running.remove(null, "banner motd");
            return;
        }
        String typed = m.args().get(0);
        bannerDelimiter = typed.charAt(0);
        String rest = typed.substring(1);
        int end = rest.indexOf(bannerDelimiter);
        if (end >= 0) {
            device.running.set(null, "banner motd ^C" + rest.substring(0, end) + "^C", 2);
            return;
        }
        bannerText.setLength(0);
        bannerText.append(rest);
        question = Question.BANNER_TEXT;
        out.append("Enter TEXT message.  End with the character '").append(bannerDelimiter).append("'.\n");
    }

    private void bannerLine(String line) {
        int end = line.indexOf(bannerDelimiter);
        bannerText.append('\n').append(end < 0 ? line : line.substring(0, end));
        if (end >= 0) {
            question = Question.NONE;
            device.running.set(null, "banner motd ^C" + bannerText + "^C", 2);
        }
    }

    /** Prints a parse error as IOS does; a caret points at {@code column} of the line typed after the prompt. */
    private void error(Parse<?> parsed, String line, int promptLength) {
        if (parsed instanceof Invalid<?> invalid) {
            out.append(" ".repeat(promptLength + invalid.column()))
                    .append("^\n% Invalid input detected at '^' marker.\n\n");
        } else if (parsed instanceof Ambiguous) {
            out.append("% Ambiguous command:  \"").append(line.strip()).append("\"\n");
        } else {
            out.append("% Incomplete command.\n\n");
        }
    }
}
