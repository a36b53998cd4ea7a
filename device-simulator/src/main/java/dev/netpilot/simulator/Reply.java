package dev.netpilot.simulator;

/**
 * A device's answer to an entered line.
 *
 * @param output     text to print, lines ended by {@code \n} (the tty sends {@code \r\n})
 * @param prompt     printed after the output, e.g. {@code sim-001#} or {@code Password: }
 * @param echo       whether the next line is echoed as typed (false while a secret is asked)
 * @param pageLength terminal length: output longer than this stops at a --More-- marker; 0 disables paging
 * @param hangUp     close the session once everything is sent
 */
public record Reply(String output, String prompt, boolean echo, int pageLength, boolean hangUp) {
}
