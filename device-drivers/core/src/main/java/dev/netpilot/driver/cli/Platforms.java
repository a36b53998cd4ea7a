package dev.netpilot.driver.cli;

import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.driver.cli.Platform.Commit;
import dev.netpilot.driver.cli.Platform.PrivilegeLevel;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The platform definitions, by {@code device_type}. The facts come from how each vendor's CLI behaves
 * (../shared/reference/vendor-cli.md): prompts, escalation, paging, save or commit, and error texts.
 */
public final class Platforms {

    public static final String EXEC = "exec";
    public static final String PRIVILEGED = "privileged";
    public static final String CONFIGURATION = "configuration";

    private static final Map<String, Platform> BY_NAME = new TreeMap<>();

    // Cisco-style prompts: host>, host#, host(config-if)#; XR's "RP/0/RSP0/CPU0:" prefix is part of the host.
    private static final String CISCO_ANY = "[\\w.\\-/:@]+(?:\\([\\w.\\-/]+\\))?[>#]\\s*";
    private static final String CISCO_HOST = "([^\\s(>#]+)(?:\\([^)]*\\))?[>#]\\s*";
    private static final String CISCO_TEMPLATE = "{host}(?:\\([\\w.\\-/]+\\))?[>#]\\s*";
    // " --More-- " rubbed out with backspaces (IOS, XR, EOS) or shown in reverse video and cleared (NX-OS).
    private static final String CISCO_PAGER = "--More--\\s*$";
    private static final String CISCO_PAGER_ARTIFACTS =
            " *(?:\\x1B\\[7m)?--More--(?:\\x1B\\[0?m)? *(?:\\x08+ *\\x08+|\\r\\x1B\\[K)?";
    // VRP and Comware: "  ---- More ----", erased by moving the cursor back (ESC[42D), blanking, moving back.
    private static final String VRP_PAGER = "---- More ----\\s*$";
    private static final String VRP_PAGER_ARTIFACTS = " *---- More ----(?:\\x1B\\[\\d+D *\\x1B\\[\\d+D)?";

    static {
        register(cisco("cisco_ios")
                .save("write memory")
                .errorsStartingWith("% Invalid input detected", "% Incomplete command", "% Ambiguous command",
                        "% Unknown command", "% Unrecognized command", "%Error", "% Bad IP address")
                .build());
        register(cisco("cisco_nxos")
                .save("copy running-config startup-config")
                .errorsStartingWith("% Invalid command", "% Invalid input", "% Incomplete command",
                        "% Ambiguous command", "% Permission denied")
                .build());
        register(cisco("cisco_xr")
                // leaving config mode with uncommitted changes: "no" throws them away
                .answer("Uncommitted changes found, commit them before exiting", "no")
                .answer("proceed with this commit anyway\\?", "no")
                .commit(new Commit("commit", "commit confirmed {seconds}", null, null,
                        Pattern.compile("% Failed to commit|One or more commits have occurred")))
                .errorsStartingWith("% Invalid input detected", "% Incomplete command", "% Ambiguous command",
                        "% Failed")
                .build());
        register(cisco("arista_eos")
                .save("copy running-config startup-config")
                .errorsStartingWith("% Invalid input", "% Incomplete command", "% Ambiguous command", "% Error")
                .build());
        Platform junos = Platform.builder("juniper_junos")
                .prompts("[\\w.\\-]+@[\\w.\\-]+[>#]\\s*", "[^@\\s]+@([\\w.\\-]+)[>#]\\s*", "[^@\\s]+@{host}[>#]\\s*")
                // "{master:0}" alone, or followed by "[edit]" on the same line in configuration mode
                .contextLine("\\{(?:master|backup|primary|secondary|linecard)[^}]*\\}(?:\\[edit(?: [^\\]]*)?\\])?"
                        + "|\\[edit(?: [^\\]]*)?\\]")
                .levels(new PrivilegeLevel(EXEC, Pattern.compile("[^@\\s]+@[^\\s>#]+>\\s*"), null, null, false),
                        new PrivilegeLevel(CONFIGURATION, Pattern.compile("[^@\\s]+@[^\\s>#]+#\\s*"),
                                "configure", "exit configuration-mode", false))
                .enableAndConfig(null, CONFIGURATION)
                .answer("Exit with uncommitted changes\\?", "yes")
                .setup("set cli screen-width 511", "set cli complete-on-space off", "set cli screen-length 0")
                .pager("---\\(more(?: \\d+%)?\\)---\\s*$", " ", "---\\(more(?: \\d+%)?\\)---(?:\\r *\\r)?", "more")
                // Junos keeps an uncommitted candidate after "exit configuration-mode": roll it back first.
                .commit(new Commit("commit", "commit confirmed {minutes}", "rollback 0",
                        Pattern.compile("commit complete"),
                        Pattern.compile("(?m)^error:|commit failed|configuration check-out failed")))
                .errorsStartingWith("syntax error", "unknown command.", "error:", "missing argument.")
                .build();
        register(junos);
        BY_NAME.put("juniper", junos);
        register(vrp("huawei", "").save("save").build());
        register(vrp("huawei_vrpv8", "[~*]?")
                .answer("Uncommitted configurations found", "N")
                .commit(new Commit("commit", "commit trial {seconds}", null, null,
                        Pattern.compile("Failed to generate committed config|Error:")))
                .build());
        register(Platform.builder("hp_comware")
                .prompts("(?:RBM_[PS])?(?:<[^<>\\s]+>|\\[[^\\[\\]\\s]+\\])\\s*", "(?:RBM_[PS])?<([^<>\\s]+)>\\s*",
                        "(?:RBM_[PS])?(?:<{host}>|\\[{host}(?:-[^\\]\\s]+)?\\])\\s*")
                .levels(new PrivilegeLevel(EXEC, Pattern.compile("(?:RBM_[PS])?<[^<>\\s]+>\\s*"), null, null, false),
                        new PrivilegeLevel(CONFIGURATION, Pattern.compile("(?:RBM_[PS])?\\[[^\\[\\]\\s]+\\]\\s*"),
                                "system-view", "return", false))
                // Comware has no enable: netmiko's convention maps it to system-view
                .enableAndConfig(CONFIGURATION, CONFIGURATION)
                .answer("Press Y or ENTER to continue, N to exit", "")
                .setup("screen-length disable")
                .pager(VRP_PAGER, " ", VRP_PAGER_ARTIFACTS, "More")
                .save("save force")
                .errorsStartingWith("% Unrecognized command", "% Incomplete command", "% Wrong parameter",
                        "% Too many parameters", "% Ambiguous command")
                .logout("quit")
                .build());
        register(Platform.builder("linux")
                .prompts("[\\w.\\-]+@[\\w.\\-]+:[^\\n]*[$#]\\s*", "[^@\\s]+@([\\w.\\-]+):.*[$#]\\s*",
                        "[^@\\s]+@{host}:.*[$#]\\s*")
                .levels(new PrivilegeLevel(EXEC, Pattern.compile(".*\\$\\s*"), null, null, false),
                        new PrivilegeLevel(PRIVILEGED, Pattern.compile(".*#\\s*"), "sudo -s", "exit", true))
                // "config" on a server means commands in a root shell
                .enableAndConfig(PRIVILEGED, PRIVILEGED)
                .errorsContaining("command not found", "No such file or directory", "Permission denied",
                        "incorrect password attempts")
                .build());
    }

    private Platforms() {
    }

    /** Prompts, levels, setup and pager shared by IOS, NX-OS, IOS XR and EOS. */
    private static Platform.Builder cisco(String name) {
        return Platform.builder(name)
                .prompts(CISCO_ANY, CISCO_HOST, CISCO_TEMPLATE)
                .levels(new PrivilegeLevel(EXEC, Pattern.compile("[^\\s(]+>\\s*"), null, null, false),
                        new PrivilegeLevel(PRIVILEGED, Pattern.compile("[^\\s(]+#\\s*"), "enable", "disable", true),
                        new PrivilegeLevel(CONFIGURATION, Pattern.compile("[^\\s(]+\\(config[^)]*\\)#\\s*"),
                                "configure terminal", "end", false))
                .enableAndConfig(PRIVILEGED, CONFIGURATION)
                .setup("terminal width 511", "terminal length 0")
                .pager(CISCO_PAGER, " ", CISCO_PAGER_ARTIFACTS, "More");
    }

    /**
     * Huawei VRP: {@code <host>} user view, {@code [host]} system view ({@code [~host]}/{@code [*host]} on VRPv8),
     * optional HA prefix; no enable; the hostname is learnt from the user-view prompt only, since sub-view prompts
     * ({@code [sim-001-GigabitEthernet0/0/1]}) do not say where the hostname ends.
     */
    private static Platform.Builder vrp(String name, String viewMark) {
        return Platform.builder(name)
                .prompts("(?:HRP_[MS])?(?:<[^<>\\s]+>|\\[" + viewMark + "[^\\[\\]\\s]+\\])\\s*",
                        "(?:HRP_[MS])?<([^<>\\s]+)>\\s*",
                        "(?:HRP_[MS])?(?:<{host}>|\\[" + viewMark + "{host}(?:-[^\\]\\s]+)?\\])\\s*")
                .levels(new PrivilegeLevel(EXEC, Pattern.compile("(?:HRP_[MS])?<[^<>\\s]+>\\s*"), null, null, false),
                        new PrivilegeLevel(CONFIGURATION,
                                Pattern.compile("(?:HRP_[MS])?\\[" + viewMark + "[^\\[\\]\\s]+\\]\\s*"),
                                "system-view", "return", false))
                .enableAndConfig(null, CONFIGURATION)
                .answer("Change now\\? \\[Y/N\\]", "N")
                .answer("(?i)continue\\?\\s*\\[Y/N\\]", "y")
                .setup("screen-length 0 temporary")
                .pager(VRP_PAGER, " ", VRP_PAGER_ARTIFACTS, "More")
                .errorsStartingWith("Error:")
                .logout("quit");
    }

    private static void register(Platform platform) {
        BY_NAME.put(platform.name(), platform);
    }

    public static Platform byName(String deviceType) {
        if (deviceType == null || deviceType.isBlank()) {
            throw new InvalidArgumentException("connection_args.device_type is required; use one of " + BY_NAME.keySet());
        }
        Platform platform = BY_NAME.get(deviceType);
        if (platform == null) {
            throw new InvalidArgumentException("device_type '" + deviceType + "' is not supported; use one of "
                    + BY_NAME.keySet());
        }
        return platform;
    }
}
