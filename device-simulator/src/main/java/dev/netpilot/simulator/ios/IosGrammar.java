package dev.netpilot.simulator.ios;

import java.util.List;

/**
 * The commands the simulated IOS knows, per mode, as data: exec commands name the session method that
 * runs them; configuration commands say how they change the running configuration.
 */
final class IosGrammar {

    /** CLI modes and the prompt suffix each shows after the hostname. */
    enum Mode {
        USER(">"), PRIVILEGED("#"), CONFIG("(config)#"), INTERFACE("(config-if)#"), LINE("(config-line)#"),
        VLAN("(config-vlan)#"), ROUTER("(config-router)#");

        final String promptSuffix;

        Mode(String promptSuffix) {
            this.promptSuffix = promptSuffix;
        }

        boolean configuring() {
            return ordinal() >= CONFIG.ordinal();
        }
    }

    /** An exec command: the session method that runs it, given the command's argument values. */
    @FunctionalInterface
    interface Exec {
        void run(IosSession session, List<String> args);
    }

    /** How a configuration command acts. */
    enum Kind {
        /** A setting line (in the current section, or top level). */
        SET,
        /** Opens (creates) a section and enters its sub-mode. */
        SECTION,
        HOSTNAME, BANNER, EXIT, END,
        /** {@code do <exec command>}. */
        DO
    }

    /**
     * A configuration command.
     *
     * @param key     how many leading words identify the setting it replaces (0: the whole line); a
     *                {@code no} form needs at least this many words
     * @param submode the mode a SECTION command enters
     */
    record Config(Kind kind, int key, Mode submode) {
    }

    static final CommandTree<Exec> USER_EXEC = exec(false);
    static final CommandTree<Exec> PRIVILEGED_EXEC = exec(true);
    static final CommandTree<Config> GLOBAL = global();
    static final CommandTree<Config> INTERFACE = submode(
            "description LINE", 1,
            "mtu <64-9600>", 1,
            "ip address A.B.C.D A.B.C.D", 2,
            "ip helper-address A.B.C.D", 0,
            "ip ospf cost <1-65535>", 3,
            "shutdown", 1,
            "duplex WORD", 1,
            "speed WORD", 1,
            "negotiation auto", 1,
            "media-type WORD", 1,
            "cdp enable", 1,
            "channel-group <1-256> mode WORD", 1,
            "switchport mode WORD", 2,
            "switchport access vlan <1-4094>", 3,
            "switchport trunk allowed vlan LINE", 4,
            "switchport trunk native vlan <1-4094>", 4);
    static final CommandTree<Config> LINE = submode(
            "exec-timeout <0-35791> [<0-2147483>]", 1,
            "privilege level <0-15>", 2,
            "logging synchronous", 0,
            "password LINE", 1,
            "login [local]", 1,
            "transport input LINE", 2,
            "transport output LINE", 2,
            "access-class WORD WORD", 0,
            "session-timeout <0-35791>", 1);
    static final CommandTree<Config> VLAN = submode(
            "name WORD", 1);
    static final CommandTree<Config> ROUTER = submode(
            "router-id A.B.C.D", 1,
            "log-adjacency-changes", 0,
            "passive-interface default", 0,
            "passive-interface IFNAME", 0,
            "network A.B.C.D A.B.C.D area WORD", 3,
            "network A.B.C.D mask A.B.C.D", 0,
            "default-information originate", 0,
            "bgp router-id A.B.C.D", 2,
            "bgp log-neighbor-changes", 0,
            "neighbor A.B.C.D remote-as <1-4294967295>", 3,
            "neighbor A.B.C.D description LINE", 3,
            "neighbor A.B.C.D update-source IFNAME", 3);

    private IosGrammar() {
    }

    static CommandTree<Config> config(Mode mode) {
        return switch (mode) {
            case INTERFACE -> INTERFACE;
            case LINE -> LINE;
            case VLAN -> VLAN;
            case ROUTER -> ROUTER;
            default -> GLOBAL;
        };
    }

    private static CommandTree<Exec> exec(boolean privileged) {
        CommandTree<Exec> t = new CommandTree<>();
        t.add("disable", IosSession::disable);
        t.add("enable", IosSession::enable);
        t.add("exit", IosSession::logout);
        t.add("logout", IosSession::logout);
        t.add("ping A.B.C.D", IosSession::ping);
        t.add("show clock", IosSession::showClock);
        t.add("show ip interface brief", IosSession::showIpInterfaceBrief);
        t.add("show privilege", IosSession::showPrivilege);
        t.add("show users", IosSession::showUsers);
        t.add("show version", IosSession::showVersion);
        t.add("systat", IosSession::showUsers);
        t.add("terminal length <0-512>", IosSession::terminalLength);
        t.add("terminal width <0-512>", (s, args) -> { });
        t.add("terminal monitor", (s, args) -> { });
        if (privileged) {
            t.add("configure", IosSession::askConfigureSource);
            t.add("configure terminal", IosSession::configureTerminal);
            t.add("copy running-config startup-config", IosSession::askCopyDestination);
            t.add("show running-config", IosSession::showRunningConfig);
            t.add("show startup-config", IosSession::showStartupConfig);
            t.add("write [memory]", IosSession::writeMemory);
        }
        return t;
    }

    private static CommandTree<Config> global() {
        CommandTree<Config> t = common();
        t.add("banner motd LINE", new Config(Kind.BANNER, 2, null));
        t.add("hostname WORD", new Config(Kind.HOSTNAME, 1, null));
        t.add("interface IFNAME", new Config(Kind.SECTION, 2, Mode.INTERFACE));
        t.add("ip domain name WORD", set(3));
        t.add("ip domain-name WORD", set(2));
        t.add("ip name-server LINE", set(0));
        t.add("ip route A.B.C.D A.B.C.D WORD [LINE]", set(0));
        t.add("ip ssh version <1-2>", set(3));
        t.add("line con <0-0>", new Config(Kind.SECTION, 0, Mode.LINE));
        t.add("line aux <0-0>", new Config(Kind.SECTION, 0, Mode.LINE));
        t.add("line vty <0-1869> [<0-1869>]", new Config(Kind.SECTION, 0, Mode.LINE));
        t.add("logging buffered [LINE]", set(2));
        t.add("logging host WORD [LINE]", set(3));
        t.add("ntp server WORD [LINE]", set(3));
        t.add("router bgp <1-4294967295>", new Config(Kind.SECTION, 0, Mode.ROUTER));
        t.add("router ospf <1-65535>", new Config(Kind.SECTION, 0, Mode.ROUTER));
        t.add("service LINE", set(0));
        t.add("snmp-server community WORD [LINE]", set(3));
        t.add("snmp-server contact LINE", set(2));
        t.add("snmp-server location LINE", set(2));
        t.add("username WORD [LINE]", set(2));
        t.add("vlan <1-4094>", new Config(Kind.SECTION, 0, Mode.VLAN));
        return t;
    }

    /** A sub-mode's commands from pairs of syntax and key, plus the ones every configuration mode has. */
    private static CommandTree<Config> submode(Object... syntaxAndKey) {
        CommandTree<Config> t = common();
        for (int i = 0; i < syntaxAndKey.length; i += 2) {
            t.add((String) syntaxAndKey[i], set((Integer) syntaxAndKey[i + 1]));
        }
        return t;
    }

    private static CommandTree<Config> common() {
        CommandTree<Config> t = new CommandTree<>();
        t.add("do LINE", new Config(Kind.DO, 0, null));
        t.add("end", new Config(Kind.END, 0, null));
        t.add("exit", new Config(Kind.EXIT, 0, null));
        // "no" is handled by the parser; listing it makes abbreviations like "n" ambiguous, as on IOS
        t.add("no", null);
        return t;
    }

    private static Config set(int key) {
        return new Config(Kind.SET, key, null);
    }
}
