package dev.netpilot.simulator;

import org.apache.sshd.client.SshClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Candidates with a diff before the commit, as a client's keystrokes see them: EOS config sessions, IOS XR commit
 * options, Junos private candidates, and confirmed commits whose timers run 60 times faster here.
 */
class CandidateConfigTest {

    private static DeviceSimulator simulator;
    private static SshClient client;

    @BeforeAll
    static void start() throws Exception {
        simulator = DeviceSimulator.start(SimulatorConfig.builder().platform("arista_eos,cisco_xr,juniper_junos")
                .devices(3).timeScale(60).build());
        client = TestShell.client();
    }

    @AfterAll
    static void stop() {
        client.stop();
        simulator.close();
    }

    /** Waits (bounded) until the device's timer has rolled {@code text} out of the running configuration. */
    private static void awaitGone(SimulatedDevice device, String text) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !device.runningConfig().contains(text));
    }

    @Test
    void eosConfigSessionsShowAUnifiedDiffAndCommitWithATimer() throws Exception {
        SimulatedDevice eos = simulator.device(0);
        try (TestShell shell = TestShell.open(client, eos)) {
            shell.command("enable", "Password: ");
            shell.command("secret", "sim-001#");
            shell.command("configure session change1", "sim-001(config-s-change)#");
            shell.command("interface Ethernet2", "sim-001(config-s-change-if-Et2)#");
            shell.command("description uplink", "(config-s-change-if-Et2)#");
            shell.command("exit", "sim-001(config-s-change)#");
            assertFalse(eos.runningConfig().contains("uplink"), "not applied before the commit");
            String diff = shell.command("show session-config diffs", "sim-001(config-s-change)#");
            assertTrue(diff.contains("--- system:/running-config\r\n+++ session:/change1-session-config\r\n"
                    + "@@ -6,6 +6,7 @@\r\n !\r\n interface Ethernet2\r\n   shutdown\r\n+  description uplink\r\n !\r\n"),
                    diff);

            shell.command("commit timer 00:01:00", "sim-001#"); // one second here
            assertTrue(eos.runningConfig().contains("description uplink"));
            String sessions = shell.command("show configuration sessions", "sim-001#");
            assertTrue(sessions.matches("(?s).*\\r\\n  change1 +pending-commit-timer +admin.*"), sessions);
            awaitGone(eos, "description uplink");
            assertFalse(shell.command("show configuration sessions", "sim-001#").contains("change1"));

            shell.command("configure session change2", "(config-s-change)#");
            shell.command("ntp server 192.0.2.1", "(config-s-change)#");
            shell.command("commit timer 00:01:00", "sim-001#");
            shell.command("configure session change2 commit", "sim-001#");
            // past the timer: the confirmed change stays
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> eos.runningConfig().contains("ntp server 192.0.2.1"));

            shell.command("configure session change3", "(config-s-change)#");
            shell.command("rollback clean-config", "(config-s-change)#");
            shell.command("abort", "sim-001#");
            assertTrue(eos.runningConfig().contains("ntp server 192.0.2.1"), "abort throws the session away");
        }
    }

    @Test
    void xrShowsItsCommitDiffAndAsksBeforeACommitReplace() throws Exception {
        SimulatedDevice xr = simulator.device(1);
        String prompt = "RP/0/RSP0/CPU0:sim-002";
        try (TestShell shell = TestShell.open(client, xr)) {
            shell.readUntil(prompt + "#");
            shell.command("configure", prompt + "(config)#");
            shell.command("interface GigabitEthernet0/0/0/2", "(config-if)#");
            shell.command("no shutdown", "(config-if)#");
            shell.command("ntp server 192.0.2.2", prompt + "(config)#");
            String diff = shell.command("show commit changes diff", prompt + "(config)#");
            assertTrue(diff.contains("!! IOS XR Configuration 7.3.2\r\n#  interface GigabitEthernet0/0/0/2\r\n"
                    + "-   shutdown\r\n   !\r\n+  ntp server 192.0.2.2\r\nend\r\n"), diff);
            assertTrue(shell.command("commit confirmed 10", prompt + "(config)#").contains("% Invalid input"),
                    "30 s at least");
            shell.command("commit confirmed 60 comment try ntp", prompt + "(config)#"); // one second here
            assertTrue(xr.runningConfig().contains("ntp server 192.0.2.2"));
            awaitGone(xr, "ntp server 192.0.2.2");

            shell.command("hostname sim-002", prompt + "(config)#");
            shell.command("ntp server 192.0.2.3", prompt + "(config)#");
            assertTrue(shell.command("commit replace", "Do you wish to proceed? [no]: ")
                    .contains("replace or remove the entire running configuration"));
            shell.command("yes", prompt + "(config)#");
            assertEquals("hostname sim-002\nntp server 192.0.2.3\n", xr.runningConfig());
            shell.command("end", prompt + "#");
            assertTrue(shell.command("rollback configuration last 1", prompt + "#").contains("successfully rolled back"));
            assertTrue(xr.runningConfig().contains("interface GigabitEthernet0/0/0/1"), xr.runningConfig());
        }
    }

    @Test
    void junosPrivateCandidatesCompareAndRollBackAConfirmedCommit() throws Exception {
        SimulatedDevice junos = simulator.device(2);
        try (TestShell shell = TestShell.open(client, junos); TestShell other = TestShell.open(client, junos)) {
            shell.readUntil("admin@sim-003> ");
            other.readUntil("admin@sim-003> ");
            other.command("configure", "admin@sim-003# ");
            other.command("set system ntp server 192.0.2.9", "admin@sim-003# ");
            assertTrue(shell.command("configure private", "admin@sim-003> ")
                    .contains("error: shared configuration database modified"), "the shared candidate is in use");
            other.command("rollback 0", "admin@sim-003# ");

            assertTrue(shell.command("configure private", "admin@sim-003# ")
                    .contains("warning: uncommitted changes will be discarded on exit"));
            shell.command("set system host-name core-1", "admin@sim-003# ");
            shell.command("set system ntp server 192.0.2.4", "admin@sim-003# ");
            String compare = shell.command("show | compare", "admin@sim-003# ");
            assertTrue(compare.contains("[edit system]\r\n-   host-name sim-003;\r\n+   host-name core-1;\r\n"
                    + "[edit system ntp]\r\n+   server 192.0.2.4;\r\n"), compare);
            assertTrue(shell.command("commit confirmed 1 comment \"try\"", "admin@core-1# ")
                    .contains("commit confirmed will be automatically rolled back in 1 minutes unless confirmed"));
            awaitGone(junos, "192.0.2.4"); // one minute is one second here
            assertEquals("sim-003", junos.hostname());
        }
    }
}
