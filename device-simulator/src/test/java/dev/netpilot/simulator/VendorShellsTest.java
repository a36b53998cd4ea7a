package dev.netpilot.simulator;

import org.apache.sshd.client.SshClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The non-IOS personalities hosted together, as a client's keystrokes see them: prompts, errors, pagers, commits. */
class VendorShellsTest {

    private static final String ALL = "cisco_nxos,cisco_xr,arista_eos,juniper_junos,huawei,huawei_vrpv8,hp_comware,linux";
    private static DeviceSimulator simulator;
    private static SshClient client;

    @BeforeAll
    static void start() throws Exception {
        simulator = DeviceSimulator.start(SimulatorConfig.builder().platform(ALL).devices(9).interfaces(30).build());
        client = TestShell.client();
    }

    @AfterAll
    static void stop() {
        client.stop();
        simulator.close();
    }

    @Test
    void devicesCycleThroughTheListedPlatforms() {
        String[] names = ALL.split(",");
        for (int i = 0; i < 9; i++) {
            assertEquals(names[i % names.length], simulator.device(i).platform());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SimulatorConfig.builder().platform("cisco_ios,junos").build());
        assertTrue(e.getMessage().contains("unknown platform 'junos'"), e.getMessage());
    }

    @Test
    void nxosPointsAtTheBadWordAndPagesInReverseVideo() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(0))) {
            shell.readUntil("sim-001#");
            assertEquals("show foo\r\n             ^\r\n% Invalid command at '^' marker.\r\nsim-001#",
                    shell.command("show foo", "sim-001#"));
            String page = shell.readUntilAfter("show running-config\r", "\u001b[7m--More--\u001b[m");
            assertTrue(page.contains("!Command: show running-config"), page);
            assertTrue(shell.readUntilAfter("q", "sim-001#").startsWith("\r\u001b[K"));
        }
    }

    @Test
    void xrKeepsChangesOutOfTheRunningConfigUntilCommit() throws Exception {
        SimulatedDevice xr = simulator.device(1);
        String prompt = "RP/0/RSP0/CPU0:sim-002";
        try (TestShell shell = TestShell.open(client, xr)) {
            shell.readUntil(prompt + "#");
            shell.command("configure terminal", prompt + "(config)#");
            shell.command("ntp server 192.0.2.5", prompt + "(config)#");
            assertTrue(!xr.runningConfig().contains("192.0.2.5"), "a candidate until commit");
            assertTrue(shell.command("end", "[cancel]:").contains("Uncommitted changes found"));
            shell.command("no", prompt + "#");
            assertTrue(!xr.runningConfig().contains("192.0.2.5"), "'no' discards");
            shell.command("configure terminal", prompt + "(config)#");
            shell.command("ntp server 192.0.2.6", prompt + "(config)#");
            shell.command("commit", prompt + "(config)#");
            assertTrue(xr.runningConfig().contains("ntp server 192.0.2.6"));
        }
    }

    @Test
    void eosAsksForTheEnableSecretAndPrintsItsShortErrors() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(2))) {
            shell.readUntil("sim-003>");
            assertEquals("show running-config\r\n% Invalid input (privileged mode required)\r\nsim-003>",
                    shell.command("show running-config", "sim-003>"));
            shell.command("enable", "Password: ");
            shell.command("secret", "sim-003#");
            assertEquals("terminal length 0\r\nPagination disabled.\r\nsim-003#",
                    shell.command("terminal length 0", "sim-003#"));
            assertEquals("frobnicate\r\n% Invalid input\r\nsim-003#", shell.command("frobnicate", "sim-003#"));
        }
    }

    @Test
    void junosShowsContextLinesAndCommits() throws Exception {
        SimulatedDevice junos = simulator.device(3);
        try (TestShell shell = TestShell.open(client, junos)) {
            shell.readUntil("{master:0}\r\nadmin@sim-004> ");
            assertTrue(shell.command("configure", "admin@sim-004# ").endsWith("{master:0}[edit]\r\nadmin@sim-004# "));
            String error = shell.command("set frobnicate 1", "admin@sim-004# ");
            assertTrue(error.contains("\r\n                   ^\r\nsyntax error.\r\n"), error);
            shell.command("set system ntp server 192.0.2.7", "admin@sim-004# ");
            assertTrue(!junos.runningConfig().contains("192.0.2.7"));
            assertTrue(shell.command("commit", "admin@sim-004# ").contains("commit complete"));
            assertTrue(junos.runningConfig().contains("set system ntp server 192.0.2.7"));
            shell.command("rollback 1", "admin@sim-004# ");
            shell.command("commit", "admin@sim-004# ");
            assertTrue(!junos.runningConfig().contains("192.0.2.7"), "rollback 1 + commit undoes it");
        }
    }

    @Test
    void huaweiAsksAtLoginAndErasesItsPagerWithCursorMoves() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(4))) {
            shell.readUntil("Change now? [Y/N]:");
            shell.command("N", "<sim-005>");
            String page = shell.readUntilAfter("display current-configuration\r", "  ---- More ----");
            assertTrue(page.contains("sysname sim-005"), page);
            assertTrue(shell.readUntilAfter(" ", "#").startsWith("\u001b[42D" + " ".repeat(42) + "\u001b[42D"));
            shell.readUntilAfter("q", "<sim-005>");
            String error = shell.command("system-vew", "<sim-005>");
            assertTrue(error.contains("         ^\r\nError: Unrecognized command found at '^' position.\r\n"), error);
            shell.command("save", "[Y/N]:");
            assertTrue(shell.command("y", "<sim-005>").contains("Save the configuration successfully."));
        }
    }

    @Test
    void vrpv8MarksUncommittedChangesInThePrompt() throws Exception {
        SimulatedDevice v8 = simulator.device(5);
        try (TestShell shell = TestShell.open(client, v8)) {
            shell.command("N", "<sim-006>");
            shell.command("system-view", "[~sim-006]");
            shell.command("ntp-service unicast-server 192.0.2.8", "[*sim-006]");
            assertTrue(!v8.runningConfig().contains("192.0.2.8"));
            shell.command("commit", "[~sim-006]");
            assertTrue(v8.runningConfig().contains("ntp-service unicast-server 192.0.2.8"));
        }
    }

    @Test
    void comwareAsksToContinueAndSavesWithForce() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(6))) {
            shell.readUntil("Press Y or ENTER to continue, N to exit.");
            shell.command("", "<sim-007>");
            String error = shell.command("display foo", "<sim-007>");
            assertTrue(error.contains("% Unrecognized command found at '^' position."), error);
            assertTrue(shell.command("save force", "<sim-007>").contains("Saved the current configuration"));
        }
    }

    @Test
    void linuxHasExitCodesAndSudo() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(7))) {
            shell.readUntil("admin@sim-008:~$ ");
            assertTrue(shell.command("frobnicate", "$ ").contains("-bash: frobnicate: command not found"));
            assertTrue(shell.command("echo $?", "$ ").contains("127\r\n"));
            shell.command("sudo -s", "[sudo] password for admin: ");
            shell.command("nope", "[sudo] password for admin: ");
            assertTrue(shell.command("admin", "# ").endsWith("root@sim-008:/home/admin# "));
            assertTrue(shell.command("cat /etc/os-release", "# ").contains("Debian GNU/Linux 12 (bookworm)"));
        }
    }
}
