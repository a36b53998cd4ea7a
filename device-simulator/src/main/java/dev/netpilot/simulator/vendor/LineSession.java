package dev.netpilot.simulator.vendor;

import dev.netpilot.simulator.CliSession;
import dev.netpilot.simulator.Pager;
import dev.netpilot.simulator.Reply;
import dev.netpilot.simulator.SessionContext;
import java.util.function.Consumer;

/**
 * What the vendor sessions of this package share: an output buffer per entered line, questions whose answer is the
 * next line (passwords, [Y/N]), the terminal length and hanging up. Each vendor decides its prompt and commands.
 */
abstract class LineSession implements CliSession {

    /** Rows of a vty before paging, as the devices ship. */
    static final int DEFAULT_LENGTH = 24;

    final SessionContext context;
    final StringBuilder out = new StringBuilder();
    int pageLength = DEFAULT_LENGTH;
    boolean hangUp;
    private final boolean pagingLocked;
    private String questionPrompt;
    private boolean questionEcho;
    private Consumer<String> answer;

    LineSession(SessionContext context, boolean pagingLocked) {
        this.context = context;
        this.pagingLocked = pagingLocked;
    }

    /** The prompt at the current level; may start with context lines ({@code \n} line ends). */
    abstract String prompt();

    /** Runs one non-blank entered command, printing into {@link #out}. */
    abstract void command(String line);

    @Override
    public abstract Pager pager();

    /** Text printed when the shell opens, before the first prompt or question. */
    void banner() {
        out.append('\n');
    }

    @Override
    public Reply greeting() {
        out.setLength(0);
        banner();
        return reply();
    }

    @Override
    public Reply line(String line) {
        out.setLength(0);
        if (answer != null) {
            Consumer<String> handler = answer;
            answer = null;
            handler.accept(line.strip());
        } else if (!line.isBlank()) {
            context.countCommand().run();
            command(line.strip());
        }
        return reply();
    }

    @Override
    public Reply ctrlZ(String line) {
        return null;
    }

    @Override
    public String exec(String command) {
        out.setLength(0);
        command(command.strip());
        return out.toString();
    }

    @Override
    public void close() {
    }

    /** Asks a question: the next entered line goes to {@code handler} instead of the command interpreter. */
    void ask(String prompt, boolean echo, Consumer<String> handler) {
        questionPrompt = prompt;
        questionEcho = echo;
        answer = handler;
    }

    /** Sets the terminal length; 0 turns paging off unless the simulator locks paging on. */
    void terminalLength(int length) {
        if (length != 0 || !pagingLocked) {
            pageLength = length;
        }
    }

    private Reply reply() {
        boolean asking = answer != null;
        String prompt = asking ? questionPrompt : hangUp ? "" : prompt();
        return new Reply(out.toString(), prompt, !asking || questionEcho, pageLength, hangUp);
    }

    /** The words of a line, split on blanks. */
    static String[] words(String line) {
        return line.strip().split("\\s+");
    }

    /** Where word {@code index} of {@code line} starts, for a caret under it. */
    static int column(String line, int index) {
        int at = 0;
        String[] words = words(line);
        for (int i = 0; i < index && i < words.length; i++) {
            at = line.indexOf(words[i], at) + words[i].length();
        }
        return index < words.length ? line.indexOf(words[index], at) : line.length();
    }
}
