package dev.netpilot.simulator;

import java.util.List;

/**
 * The tty of one shell, as a network device's vty behaves: echoes what is typed, edits the line, hands
 * each entered line to the CLI and pages long replies behind the vendor's {@link Pager} marker. Pure logic:
 * bytes in, text out (appended to the sink the channel sends). Not thread-safe; the channel serialises calls.
 */
final class Terminal {

    private static final int CTRL_Z = 0x1a;
    private static final int BACKSPACE = 0x08;
    private static final int DELETE = 0x7f;

    private final CliSession cli;
    private final StringBuilder sink;
    private final StringBuilder line = new StringBuilder();
    private boolean echo = true;
    /** The last byte was CR: a following LF (or the NUL some clients send) belongs to the same Enter. */
    private boolean afterCr;

    /** Lines of the reply being paged; null when not paging. */
    private List<String> paged;
    private int nextLine;
    private int pageSize;
    private String promptAfterPaging;

    Terminal(CliSession cli, StringBuilder sink) {
        this.cli = cli;
        this.sink = sink;
    }

    /** Feeds one typed byte; returns the CLI's reply when it completed a line (to be shown), else null. */
    Reply key(int c) {
        boolean sameEnter = afterCr && (c == '\n' || c == 0);
        afterCr = c == '\r';
        if (sameEnter) {
            return null;
        }
        if (paged != null) {
            pagerKey(c);
            return null;
        }
        switch (c) {
            case '\r', '\n' -> {
                sink.append("\r\n");
                return cli.line(takeLine());
            }
            case CTRL_Z -> {
                Reply reply = cli.ctrlZ(line.toString());
                if (reply != null) {
                    line.setLength(0);
                    sink.append("^Z\r\n");
                }
                return reply;
            }
            case BACKSPACE, DELETE -> {
                if (line.length() > 0) {
                    line.setLength(line.length() - 1);
                    if (echo) {
                        sink.append("\b \b");
                    }
                }
            }
            default -> {
                // printable ASCII and Latin-1; other control keys (arrows, Tab, Ctrl-C) are ignored
                if ((c >= 0x20 && c < DELETE) || c >= 0xa0) {
                    line.append((char) c);
                    if (echo) {
                        sink.append((char) c);
                    }
                }
            }
        }
        return null;
    }

    /** Prints a reply's output, paging it when it is longer than the terminal, then its prompt. */
    void show(Reply reply) {
        echo = reply.echo();
        List<String> lines = reply.output().isEmpty() ? List.of() : List.of(reply.output().split("\n", -1));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        paged = lines;
        nextLine = 0;
        promptAfterPaging = reply.prompt();
        // the prompt takes the last row of a page
        int rows = reply.pageLength() > 0 && lines.size() >= reply.pageLength() ? reply.pageLength() - 1 : 0;
        pageSize = Math.max(1, rows);
        print(rows > 0 ? pageSize : lines.size());
    }

    private void pagerKey(int c) {
        sink.append(cli.pager().erase());
        switch (c) {
            case ' ' -> print(pageSize);
            case '\r', '\n' -> print(1);
            default -> finishPaging();
        }
    }

    private void print(int count) {
        int end = Math.min(paged.size(), nextLine + count);
        for (; nextLine < end; nextLine++) {
            sink.append(paged.get(nextLine)).append("\r\n");
        }
        if (nextLine < paged.size()) {
            sink.append(cli.pager().marker());
        } else {
            finishPaging();
        }
    }

    private void finishPaging() {
        paged = null;
        // a prompt may carry lines above it (Junos "{master:0}"), sent with the tty's line ends
        sink.append(promptAfterPaging.replace("\n", "\r\n"));
    }

    private String takeLine() {
        String entered = line.toString();
        line.setLength(0);
        return entered;
    }
}
