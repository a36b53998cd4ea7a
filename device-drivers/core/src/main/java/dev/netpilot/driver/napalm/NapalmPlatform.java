package dev.netpilot.driver.napalm;

import dev.netpilot.driver.DriverException.InvalidArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What differs between the platforms the napalm driver serves: the device types that name each one (NAPALM's and
 * netmiko's), and the CLI lines of each step of a config change and of the getters, from each vendor's documented
 * CLI (Arista config sessions, Junos candidate configuration, IOS XR two-stage commit).
 */
enum NapalmPlatform {

    EOS("eos", "arista_eos", "Arista") {
        @Override
        List<String> beforeCommit() {
            // NAPALM's rollback point: 'rollback' replaces the running config with it
            return List.of("copy running-config flash:" + ROLLBACK_FILE);
        }

        @Override
        String enter(String session) {
            return "configure session " + session;
        }

        @Override
        List<String> prepareReplace() {
            return List.of("rollback clean-config");
        }

        @Override
        String diff() {
            return "show session-config diffs";
        }

        @Override
        String commit(ConfigArgs args) {
            if (args.revertIn() == null) {
                return "commit";
            }
            int s = args.revertIn();
            return String.format(Locale.ROOT, "commit timer %02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }

        @Override
        List<String> afterCommit(ConfigArgs args) {
            // the commit leaves the session; a timed one is saved when it is confirmed
            return args.revertIn() == null ? List.of(SAVE) : List.of();
        }

        @Override
        List<String> discard() {
            return List.of("abort");
        }

        @Override
        List<String> rollback() {
            return List.of("configure replace flash:" + ROLLBACK_FILE, SAVE);
        }

        @Override
        String interfaces() {
            return "show ip interface brief";
        }

        @Override
        void check(ConfigArgs args) {
            if (args.message() != null) {
                throw new InvalidArgumentException("driver_args.message is not supported on arista_eos: EOS config "
                        + "sessions have no commit comment; remove it");
            }
            if (args.revertIn() != null && args.revertIn() > 86400) {
                throw new InvalidArgumentException("driver_args.revert_in on arista_eos must be at most 86400 seconds "
                        + "(commit timer 24:00:00), got " + args.revertIn());
            }
        }
    },

    JUNOS("junos", "juniper_junos", "Juniper") {
        @Override
        String enter(String session) {
            // a private candidate: other users' uncommitted changes are not committed with ours
            return "configure private";
        }

        @Override
        List<String> prepareReplace() {
            return List.of("delete"); // answered "yes": the lines that follow are the whole configuration
        }

        @Override
        String diff() {
            return "show | compare";
        }

        @Override
        String commit(ConfigArgs args) {
            return "commit" + (args.revertIn() == null ? "" : " confirmed " + args.revertIn() / 60)
                    + (args.message() == null ? "" : " comment \"" + args.message() + "\"");
        }

        @Override
        boolean committed(String output) {
            return output.contains("commit complete");
        }

        @Override
        List<String> afterCommit(ConfigArgs args) {
            return List.of(EXIT_JUNOS);
        }

        @Override
        List<String> discard() {
            return List.of("rollback 0", EXIT_JUNOS);
        }

        @Override
        List<String> confirm() {
            return List.of(enter(null), "commit", EXIT_JUNOS);
        }

        @Override
        List<String> rollback() {
            return List.of(enter(null), "rollback 1", "commit", EXIT_JUNOS);
        }

        @Override
        String running() {
            return "show configuration";
        }

        @Override
        List<String> candidate() {
            return List.of("configure", "show", EXIT_JUNOS);
        }

        @Override
        String interfaces() {
            return "show interfaces terse";
        }

        @Override
        void check(ConfigArgs args) {
            if (args.revertIn() != null && args.revertIn() % 60 != 0) {
                throw new InvalidArgumentException("driver_args.revert_in on juniper_junos must be a whole number of "
                        + "minutes in seconds (60, 120, ...): 'commit confirmed' counts minutes; got " + args.revertIn());
            }
            if (args.message() != null && args.message().contains("\"")) {
                throw new InvalidArgumentException("driver_args.message on juniper_junos must not contain '\"'");
            }
        }
    },

    IOSXR("iosxr", "cisco_xr", "Cisco") {
        @Override
        String enter(String session) {
            return "configure";
        }

        @Override
        String diff() {
            return "show commit changes diff";
        }

        @Override
        String commit(ConfigArgs args) {
            return "commit" + (args.replace() ? " replace" : "")
                    + (args.revertIn() == null ? "" : " confirmed " + args.revertIn())
                    + (args.message() == null ? "" : " comment " + args.message());
        }

        @Override
        List<String> afterCommit(ConfigArgs args) {
            return List.of("end");
        }

        @Override
        List<String> discard() {
            return List.of("abort");
        }

        @Override
        List<String> confirm() {
            return List.of(enter(null), "commit", "end");
        }

        @Override
        List<String> rollback() {
            return List.of("rollback configuration last 1");
        }

        @Override
        String interfaces() {
            return "show ipv4 interface brief";
        }

        @Override
        void check(ConfigArgs args) {
            if (args.revertIn() != null && (args.revertIn() < 30 || args.revertIn() > 65535)) {
                throw new InvalidArgumentException("driver_args.revert_in on cisco_xr must be from 30 to 65535 seconds "
                        + "('commit confirmed' range), got " + args.revertIn());
            }
            if (args.message() != null && args.message().length() > 60) {
                throw new InvalidArgumentException("driver_args.message on cisco_xr must be at most 60 characters "
                        + "(commit comment), got " + args.message().length());
            }
        }
    };

    static final String ROLLBACK_FILE = "rollback-0";
    private static final String SAVE = "copy running-config startup-config";
    private static final String EXIT_JUNOS = "exit configuration-mode";

    private final String napalmName;
    private final String cliPlatform;
    private final String vendor;

    NapalmPlatform(String napalmName, String cliPlatform, String vendor) {
        this.napalmName = napalmName;
        this.cliPlatform = cliPlatform;
        this.vendor = vendor;
    }

    /** The platform of a {@code device_type}: NAPALM's name or netmiko's ({@code juniper} too). */
    static NapalmPlatform of(String deviceType) {
        for (NapalmPlatform platform : values()) {
            if (platform.napalmName.equals(deviceType) || platform.cliPlatform.equals(deviceType)
                    || (platform == JUNOS && "juniper".equals(deviceType))) {
                return platform;
            }
        }
        List<String> names = new ArrayList<>();
        Arrays.stream(values()).forEach(p -> names.add(p.napalmName + " (" + p.cliPlatform + ")"));
        throw new InvalidArgumentException((deviceType == null || deviceType.isBlank()
                ? "connection_args.device_type is required for napalm"
                : "device_type '" + deviceType + "' is not supported by the napalm driver")
                + "; use one of " + String.join(", ", names));
    }

    String cliPlatform() {
        return cliPlatform;
    }

    String vendor() {
        return vendor;
    }

    /** Lines run in exec mode before a change that may be committed. */
    List<String> beforeCommit() {
        return List.of();
    }

    /** Enters the candidate (EOS names the session). */
    abstract String enter(String session);

    /** Lines that empty the candidate before a replace; empty where the commit itself replaces (XR). */
    List<String> prepareReplace() {
        return List.of();
    }

    /** Shows the candidate's changes against the running configuration. */
    abstract String diff();

    abstract String commit(ConfigArgs args);

    /** Whether a commit's output (without error markers) says it worked. */
    boolean committed(String output) {
        return true;
    }

    /** Back to exec mode after a commit (and EOS saves). */
    abstract List<String> afterCommit(ConfigArgs args);

    /** Throws the candidate away and returns to exec mode. */
    abstract List<String> discard();

    /** Confirms a commit waiting for confirmation (EOS: names the pending session, see {@code NapalmSession}). */
    List<String> confirm() {
        return List.of();
    }

    /** Goes back to the configuration before the last commit. */
    abstract List<String> rollback();

    String version() {
        return "show version";
    }

    String running() {
        return "show running-config";
    }

    /** Shows the saved configuration; null where there is none apart from the running one. */
    String startup() {
        return this == EOS ? "show startup-config" : null;
    }

    /** Lines that print the candidate (the last one's output); empty where a candidate lives only in a session. */
    List<String> candidate() {
        return List.of();
    }

    abstract String interfaces();

    /** Refuses arguments the platform cannot honour, saying what to change. */
    abstract void check(ConfigArgs args);
}
