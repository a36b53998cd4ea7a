package dev.netpilot.simulator;

/**
 * How a vendor's tty pauses long output: the marker it prints at the end of a page, and what it prints after the
 * key press to rub the marker out (the next text follows on the same row).
 */
public record Pager(String marker, String erase) {

    /** IOS, IOS XR, EOS: " --More-- ", then back over it, blank it, back again. */
    public static final Pager CISCO = new Pager(" --More-- ", "\b".repeat(9) + " ".repeat(9) + "\b".repeat(9));
    /** NX-OS: "--More--" in reverse video, then carriage return and erase-to-end-of-line. */
    public static final Pager NXOS = new Pager("\u001b[7m--More--\u001b[m", "\r\u001b[K");
    /** Junos: "---(more)---", blanked by carriage returns. */
    public static final Pager JUNOS = new Pager("---(more)---", "\r" + " ".repeat(12) + "\r");
    /** Huawei VRP: "  ---- More ----", erased with cursor-left moves (ESC[42D). */
    public static final Pager VRP = new Pager("  ---- More ----", cursorBlank(42));
    /** H3C/HPE Comware: "---- More ----", erased with cursor-left moves (ESC[16D). */
    public static final Pager COMWARE = new Pager("---- More ----", cursorBlank(16));

    private static String cursorBlank(int columns) {
        String back = "\u001b[" + columns + "D";
        return back + " ".repeat(columns) + back;
    }
}
