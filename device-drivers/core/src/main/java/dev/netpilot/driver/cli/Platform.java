package dev.netpilot.driver.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything the CLI engine needs to know about a kind of device, as data. Adding a vendor means adding one
 * of these to {@link Platforms}, not writing code.
 *
 * @param name              the {@code device_type} clients send ({@code cisco_ios})
 * @param anyPrompt         matches a prompt line of this platform whatever its hostname (login, hostname changes)
 * @param hostInPrompt      group 1 is the hostname inside a prompt line
 * @param promptTemplate    a prompt line of one host at any level; {@code {host}} stands for the quoted hostname
 * @param levels            privilege levels from lowest to highest; each knows how it is entered from the one below
 * @param passwordPrompt    what the device prints when an escalation asks for a password
 * @param sessionSetup      commands run once after login (paging off, wide terminal)
 * @param pager             a pager marker at the end of the output, answered with {@code pagerAnswer}
 * @param pagerArtifacts    what the pager leaves in the output (marker and its erasing), removed from results
 * @param saveCommand       saves the running configuration
 * @param errorMarkers      output lines that start with one of these mean the device rejected the command
 * @param logoutCommand     said before closing the connection
 */
public record Platform(
        String name,
        Pattern anyPrompt,
        Pattern hostInPrompt,
        String promptTemplate,
        List<PrivilegeLevel> levels,
        Pattern passwordPrompt,
        List<String> sessionSetup,
        Pattern pager,
        String pagerAnswer,
        Pattern pagerArtifacts,
        String saveCommand,
        List<String> errorMarkers,
        String logoutCommand) {

    /**
     * One privilege level.
     *
     * @param prompt        matches a prompt line at this level (and only at this level)
     * @param enterCommand  entered from the level below with this command (null for the login level)
     * @param exitCommand   returns to the level below
     * @param asksPassword  whether entering it may prompt for the enable secret
     */
    public record PrivilegeLevel(String name, Pattern prompt, String enterCommand, String exitCommand,
                                 boolean asksPassword) {
    }

    /** The prompt pattern of one host at any level. */
    public Pattern promptOf(String host) {
        return Pattern.compile(promptTemplate.replace("{host}", Pattern.quote(host)));
    }

    /** The level a prompt line belongs to, or null when it is none of this platform's prompts. */
    public PrivilegeLevel levelOf(String promptLine) {
        for (int i = levels.size() - 1; i >= 0; i--) {
            if (levels.get(i).prompt().matcher(promptLine).matches()) {
                return levels.get(i);
            }
        }
        return null;
    }

    public PrivilegeLevel level(String levelName) {
        return levels.stream().filter(l -> l.name().equals(levelName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no level " + levelName));
    }

    /** The first output line that carries an error marker, or null. */
    public String firstError(String output) {
        for (String line : output.split("\n")) {
            String trimmed = line.strip();
            for (String marker : errorMarkers) {
                if (trimmed.startsWith(marker)) {
                    return trimmed;
                }
            }
        }
        return null;
    }
}
