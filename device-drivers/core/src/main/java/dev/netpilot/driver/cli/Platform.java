package dev.netpilot.driver.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the CLI engine needs to know about a kind of device, as data. Adding a vendor means adding one
 * of these to {@link Platforms}, not writing code. Built with {@link #builder}; fields not set are absent
 * (null or empty).
 *
 * @param name           the {@code device_type} clients send ({@code cisco_ios})
 * @param anyPrompt      matches a prompt line of this platform whatever its hostname (login, hostname changes)
 * @param hostInPrompt   group 1 is the hostname inside a prompt line (only the prompts it is safe to learn from)
 * @param promptTemplate a prompt line of one host at any level; {@code {host}} stands for the quoted hostname
 * @param contextLine    a line the device prints just above its prompt (Junos {@code {master:0}}, {@code [edit]});
 *                       removed from the end of outputs
 * @param levels         privilege levels from lowest to highest; each knows how it is entered from the one below
 * @param enableLevel    the level {@code enable()} reaches; null when the platform has no enable (always privileged)
 * @param configLevel    the level configuration lines are sent at
 * @param passwordPrompt what the device prints when an escalation asks for the secret
 * @param answers        questions the device may ask during the engine's own steps (login, setup, save, commit,
 *                       leaving config mode), with the line to answer; never applied to the caller's commands
 * @param sessionSetup   commands run once after login (paging off, wide terminal)
 * @param pager          a pager marker at the end of the last line, answered with {@code pagerAnswer}
 * @param pagerArtifacts what the pager leaves in the raw output (marker and its erasing), removed from results
 * @param pagerWord      a word every pager leftover contains: output without it is not searched for them (null: no
 *                       pager)
 * @param saveCommand    saves the running configuration; null where changes are committed instead
 * @param commit         how changes are committed; null where they apply line by line
 * @param errorMarker    finds an output line that means the device rejected the command
 * @param logoutCommand  said before closing the connection
 */
public record Platform(
        String name,
        Pattern anyPrompt,
        Pattern hostInPrompt,
        String promptTemplate,
        Pattern contextLine,
        List<PrivilegeLevel> levels,
        String enableLevel,
        String configLevel,
        Pattern passwordPrompt,
        Map<Pattern, String> answers,
        List<String> sessionSetup,
        Pattern pager,
        String pagerAnswer,
        Pattern pagerArtifacts,
        String pagerWord,
        String saveCommand,
        Commit commit,
        Pattern errorMarker,
        String logoutCommand) {

    /**
     * One privilege level.
     *
     * @param prompt       matches a prompt line at this level (and only at this level)
     * @param enterCommand entered from the level below with this command (null for the login level)
     * @param exitCommand  returns to the level below
     * @param asksPassword whether entering it may prompt for the secret
     */
    public record PrivilegeLevel(String name, Pattern prompt, String enterCommand, String exitCommand,
                                 boolean asksPassword) {
    }

    /**
     * How a platform with a candidate configuration commits it.
     *
     * @param command          commits the candidate
     * @param confirmedCommand commits with automatic rollback unless confirmed by a second {@code command};
     *                         {@code {seconds}} or {@code {minutes}} (rounded up) stands for the caller's delay
     * @param discardCommand   throws uncommitted changes away before leaving config mode; null when leaving config
     *                         mode discards them itself (through an answer in {@link #answers})
     * @param success          commit output must contain this (null: no news is good news)
     * @param failure          commit output containing this means the commit failed
     */
    public record Commit(String command, String confirmedCommand, String discardCommand, Pattern success,
                         Pattern failure) {

        /** The command that commits, confirmed after {@code seconds} when that is not null. */
        public String commandFor(Integer seconds) {
            if (seconds == null) {
                return command;
            }
            return confirmedCommand.replace("{seconds}", Integer.toString(seconds))
                    .replace("{minutes}", Integer.toString((seconds + 59) / 60));
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
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

    /** The first output line in which {@code marker} (the platform's, or the caller's error_pattern) is found, or null. */
    public static String firstError(String output, Pattern marker) {
        Matcher matcher = marker.matcher(output);
        if (!matcher.find()) {
            return null;
        }
        int start = output.lastIndexOf('\n', matcher.start()) + 1;
        int end = output.indexOf('\n', matcher.start());
        return output.substring(start, end < 0 ? output.length() : end).strip();
    }

    /** Collects a platform's data by name; every definition in {@link Platforms} reads as a list of facts. */
    public static final class Builder {
        private final String name;
        private Pattern anyPrompt;
        private Pattern hostInPrompt;
        private String promptTemplate;
        private Pattern contextLine;
        private List<PrivilegeLevel> levels = List.of();
        private String enableLevel;
        private String configLevel;
        private Pattern passwordPrompt = Pattern.compile("(?i).*ssword.*:\\s*");
        private final Map<Pattern, String> answers = new LinkedHashMap<>();
        private List<String> sessionSetup = List.of();
        private Pattern pager;
        private String pagerAnswer = " ";
        private Pattern pagerArtifacts = Pattern.compile("(?!)");
        private String pagerWord;
        private String saveCommand;
        private Commit commit;
        private Pattern errorMarker;
        private String logoutCommand = "exit";

        private Builder(String name) {
            this.name = name;
        }

        public Builder prompts(String any, String hostIn, String template) {
            anyPrompt = Pattern.compile(any);
            hostInPrompt = Pattern.compile(hostIn);
            promptTemplate = template;
            return this;
        }

        public Builder contextLine(String regex) {
            contextLine = Pattern.compile(regex);
            return this;
        }

        public Builder levels(PrivilegeLevel... levels) {
            this.levels = List.of(levels);
            return this;
        }

        /** The levels {@code enable()} reaches (null: none) and config lines are sent at. */
        public Builder enableAndConfig(String enableLevel, String configLevel) {
            this.enableLevel = enableLevel;
            this.configLevel = configLevel;
            return this;
        }

        public Builder answer(String question, String line) {
            answers.put(Pattern.compile(question), line);
            return this;
        }

        public Builder setup(String... commands) {
            sessionSetup = List.of(commands);
            return this;
        }

        public Builder pager(String marker, String answer, String artifacts, String word) {
            pager = Pattern.compile(marker);
            pagerAnswer = answer;
            pagerArtifacts = Pattern.compile(artifacts);
            pagerWord = word;
            return this;
        }

        public Builder save(String command) {
            saveCommand = command;
            return this;
        }

        public Builder commit(Commit commit) {
            this.commit = commit;
            return this;
        }

        /** Output lines starting (after blanks) with one of these mean the command was rejected. */
        public Builder errorsStartingWith(String... markers) {
            StringBuilder alternatives = new StringBuilder();
            for (String marker : markers) {
                alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(marker));
            }
            errorMarker = Pattern.compile("(?m)^[ \\t]*(?:" + alternatives + ")");
            return this;
        }

        /** Output lines containing one of these mean the command failed (shells print {@code bash: x: ...}). */
        public Builder errorsContaining(String... markers) {
            errorMarker = Pattern.compile(String.join("|", List.of(markers).stream().map(Pattern::quote).toList()));
            return this;
        }

        public Builder logout(String command) {
            logoutCommand = command;
            return this;
        }

        public Platform build() {
            Objects.requireNonNull(anyPrompt, "prompts");
            Objects.requireNonNull(errorMarker, "error markers");
            Objects.requireNonNull(configLevel, "config level");
            return new Platform(name, anyPrompt, hostInPrompt, promptTemplate, contextLine, levels, enableLevel,
                    configLevel, passwordPrompt, Collections.unmodifiableMap(new LinkedHashMap<>(answers)), sessionSetup,
                    pager, pagerAnswer, pagerArtifacts, pagerWord, saveCommand, commit, errorMarker, logoutCommand);
        }
    }
}
