package dev.netpilot.simulator;

/**
 * Who is on the other end of a session, and where the device counts its commands.
 *
 * @param username     the authenticated user
 * @param peer         the client's address, as 'show users' prints it
 * @param countCommand call once per command the device runs
 */
public record SessionContext(String username, String peer, Runnable countCommand) {
}
