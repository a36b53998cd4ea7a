package dev.netpilot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cisco_ios personality as a client sees it over SSH: every test uses its own device. */
class CiscoIosShellTest {

    private static final String ERASE = "\b".repeat(9) + " ".repeat(9) + "\b".repeat(9);
    private static final String INVALID = "% Invalid input detected at '^' marker.\r\n\r\n";

    private static DeviceSimulator simulator;
    private static SshClient client;

    @BeforeAll
    static void start() throws IOException {
        simulator = DeviceSimulator.start(SimulatorConfig.builder().devices(12).build());
        client = TestShell.client();
    }

    @AfterAll
    static void stop() {
        client.stop();
        simulator.close();
    }

    @Test
    void startsInUserModeAndEchoesWhatIsTyped() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(0))) {
            shell.readUntil("sim-001>");
            assertEquals("show privilege\r\nCurrent privilege level is 1\r\nsim-001>",
                    shell.command("show privilege", "sim-001>"));
        }
    }

    @Test
    void crLfIsOneEnterAndAnEmptyLineReprintsThePrompt() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(0))) {
            shell.readUntil("sim-001>");
            shell.send("show privilege\r\nshow privilege\r\n\r");
            assertEquals("show privilege\r\nCurrent privilege level is 1\r\nsim-001>"
                            + "show privilege\r\nCurrent privilege level is 1\r\nsim-001>\r\nsim-001>",
                    shell.readUntil("sim-001>\r\nsim-001>"));
        }
    }

    @Test
    void backspaceRubsOutTheLastCharacter() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(0))) {
            shell.readUntil("sim-001>");
            assertEquals("shox\b \bw privilege\r\nCurrent privilege level is 1\r\nsim-001>",
                    shell.command("shox\bw privilege", "sim-001>"));
        }
    }

    @Test
    void enableAsksForTheSecretWithoutEchoingIt() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(1))) {
            shell.readUntil("sim-002>");
            assertEquals("enable\r\nPassword: ", shell.command("enable", "Password: "));
            assertEquals("\r\n% Access denied\r\n\r\nsim-002>", shell.command("wrong", "sim-002>"));
            shell.command("enable", "Password: ");
            shell.command("wrong", "sim-002>");
            shell.command("enable", "Password: ");
            assertEquals("\r\n% Bad secrets\r\n\r\nsim-002>", shell.command("wrong", "sim-002>"));
            shell.command("enable", "Password: ");
            assertEquals("\r\nsim-002#", shell.command("secret", "sim-002#"));
            assertEquals("show privilege\r\nCurrent privilege level is 15\r\nsim-002#",
                    shell.command("show privilege", "sim-002#"));
            assertEquals("disable\r\nsim-002>", shell.command("disable", "sim-002>"));
        }
    }

    @Test
    void errorsReadExactlyAsOnIos() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(2))) {
            shell.readUntil("sim-003>");
            int prompt = "sim-003>".length();
            assertEquals("show foo\r\n" + " ".repeat(prompt + 5) + "^\r\n" + INVALID + "sim-003>",
                    shell.command("show foo", "sim-003>"));
            // the caret stands under the first character no command continues with
            assertEquals("sh versoin\r\n" + " ".repeat(prompt + 7) + "^\r\n" + INVALID + "sim-003>",
                    shell.command("sh versoin", "sim-003>"));
            assertEquals("s\r\n% Ambiguous command:  \"s\"\r\nsim-003>", shell.command("s", "sim-003>"));
            assertEquals("show\r\n% Incomplete command.\r\n\r\nsim-003>", shell.command("show", "sim-003>"));
            // privileged commands do not exist in user mode
            assertEquals("show running-config\r\n" + " ".repeat(prompt + 5) + "^\r\n" + INVALID + "sim-003>",
                    shell.command("show running-config", "sim-003>"));
            assertEquals("configure terminal\r\n" + " ".repeat(prompt) + "^\r\n" + INVALID + "sim-003>",
                    shell.command("configure terminal", "sim-003>"));
        }
    }

    @Test
    void abbreviatedShowCommands() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(3))) {
            shell.readUntil("sim-004>");
            shell.command("terminal length 0", "sim-004>");
            String brief = shell.command("sh ip int br", "sim-004>");
            assertTrue(brief.contains(
                    "Interface                  IP-Address      OK? Method Status                Protocol\r\n"
                            + "GigabitEthernet0/0         10.0.0.1        YES NVRAM  up                    up\r\n"
                            + "GigabitEthernet0/1         10.0.1.1        YES NVRAM  up                    up\r\n"
                            + "GigabitEthernet0/2         unassigned      YES NVRAM  administratively down down\r\n"),
                    brief);
            String version = shell.command("sh ver", "sim-004>");
            assertTrue(version.contains("\r\nsim-004 uptime is "), version);
            assertTrue(version.contains("System image file is \"flash0:/vios-adventerprisek9-m\"\r\n"), version);
            assertTrue(version.contains("Processor board ID 9SIM0000004\r\n4 Gigabit Ethernet interfaces\r\n"), version);
            assertTrue(version.contains("Configuration register is 0x2102\r\n"), version);
            assertTrue(shell.command("sh clock", "sim-004>").matches(
                    "(?s)sh clock\r\n\\*\\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC \\w{3} \\w{3} \\d{1,2} \\d{4}\r\nsim-004>"));
            String users = shell.command("show users", "sim-004>");
            assertTrue(users.contains("*  2 vty 0     admin      idle                 00:00:00   127.0.0.1\r\n"), users);
        }
    }

    @Test
    void configurationChangesShowInRunningConfig() throws Exception {
        SimulatedDevice device = simulator.device(4);
        try (TestShell shell = TestShell.open(client, device)) {
            shell.readUntil("sim-005>");
            shell.command("enable", "Password: ");
            shell.command("secret", "sim-005#");
            shell.command("terminal length 0", "sim-005#");
            assertEquals("conf t\r\nEnter configuration commands, one per line.  End with CNTL/Z.\r\nsim-005(config)#",
                    shell.command("conf t", "sim-005(config)#"));
            shell.command("hostname core-1", "core-1(config)#");
            shell.command("interface Loopback0", "core-1(config-if)#");
            shell.command("ip address 10.255.0.1 255.255.255.255", "core-1(config-if)#");
            shell.command("description router id", "core-1(config-if)#");
            assertTrue(shell.command("ip address", "core-1(config-if)#").contains("% Incomplete command.\r\n"));
            // a global command leaves the sub-mode
            shell.command("ntp server 192.0.2.1", "core-1(config)#");
            shell.command("logging host 192.0.2.2", "core-1(config)#");
            shell.command("vlan 10", "core-1(config-vlan)#");
            shell.command("name users", "core-1(config-vlan)#");
            shell.command("exit", "core-1(config)#");
            shell.command("line vty 0 4", "core-1(config-line)#");
            shell.command("exec-timeout 5 0", "core-1(config-line)#");
            shell.command("router ospf 1", "core-1(config-router)#");
            shell.command("network 10.0.0.0 0.255.255.255 area 0", "core-1(config-router)#");
            assertEquals("foo bar\r\n" + " ".repeat("core-1(config-router)#".length()) + "^\r\n" + INVALID
                    + "core-1(config-router)#", shell.command("foo bar", "core-1(config-router)#"));
            assertEquals("do show privilege\r\nCurrent privilege level is 15\r\ncore-1(config-router)#",
                    shell.command("do show privilege", "core-1(config-router)#"));
            assertEquals("end\r\ncore-1#", shell.command("end", "core-1#"));

            String config = device.runningConfig();
            assertEquals("core-1", device.hostname());
            assertTrue(config.contains("\nhostname core-1\n"), config);
            assertTrue(config.contains("\ninterface Loopback0\n description router id\n"
                    + " ip address 10.255.0.1 255.255.255.255\n!\n"), config);
            assertTrue(config.contains("\nvlan 10\n name users\n!\n"), config);
            assertTrue(config.contains("\nrouter ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n!\n"), config);
            assertTrue(config.contains("\nline vty 0 4\n exec-timeout 5 0\n login local\n"), config);
            assertTrue(config.contains("\nlogging host 192.0.2.2\n"), config);
            assertTrue(config.contains("\nntp server 192.0.2.1\n!\nend\n"), config);
            String shown = shell.command("show running-config", "core-1#");
            assertEquals("show running-config\r\nBuilding configuration...\r\n\r\nCurrent configuration : "
                    + config.length() + " bytes\r\n" + config.replace("\n", "\r\n") + "\r\ncore-1#", shown);

            shell.command("configure terminal", "core-1(config)#");
            shell.command("no ntp server 192.0.2.1", "core-1(config)#");
            shell.command("int gi0/1", "core-1(config-if)#");
            shell.command("shutdown", "core-1(config-if)#");
            shell.send("\u001a");
            assertEquals("^Z\r\ncore-1#", shell.readUntil("core-1#"));
            assertEquals("show run | include ntp|logging\r\nlogging host 192.0.2.2\r\ncore-1#",
                    shell.command("show run | include ntp|logging", "core-1#"));
            assertTrue(shell.command("show ip interface brief", "core-1#").contains(
                    "GigabitEthernet0/1         10.0.1.1        YES manual administratively down down\r\n"));
            assertTrue(shell.command("show run | section interface GigabitEthernet0/1$", "core-1#").contains(
                    "interface GigabitEthernet0/1\r\n ip address 10.0.1.1 255.255.255.0\r\n shutdown\r\n"));
        }
    }

    @Test
    void pagerStopsAtMoreAndErasesTheMarker() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(5))) {
            shell.readUntil("sim-006>");
            shell.command("enable", "Password: ");
            shell.command("secret", "sim-006#");
            String first = shell.command("show running-config", " --More-- ");
            assertTrue(first.startsWith("show running-config\r\nBuilding configuration...\r\n"), first);
            assertEquals(1 + 23, lineEnds(first), first); // the echo, then a page of 23 lines
            String second = shell.readUntilAfter(" ", " --More-- ");
            assertTrue(second.startsWith(ERASE), second);
            assertEquals(23, lineEnds(second), second);
            String oneLine = shell.readUntilAfter("\r", " --More-- ");
            assertEquals(1, lineEnds(oneLine), oneLine);
            assertEquals(ERASE + "sim-006#", shell.readUntilAfter("q", "sim-006#"));

            shell.command("terminal length 0", "sim-006#");
            String all = shell.command("show running-config", "end\r\n\r\nsim-006#");
            assertFalse(all.contains("--More--"), all);
        }
    }

    @Test
    void copyAsksForTheDestinationAndEnterConfirms() throws Exception {
        SimulatedDevice device = simulator.device(6);
        try (TestShell shell = TestShell.open(client, device)) {
            shell.readUntil("sim-007>");
            shell.command("enable", "Password: ");
            shell.command("secret", "sim-007#");
            shell.command("configure terminal", "sim-007(config)#");
            shell.command("snmp-server community public RO", "sim-007(config)#");
            shell.command("end", "sim-007#");
            assertEquals("copy running-config startup-config\r\nDestination filename [startup-config]? ",
                    shell.command("copy running-config startup-config", "? "));
            assertEquals("\r\nBuilding configuration...\r\n[OK]\r\nsim-007#", shell.command("", "sim-007#"));
            shell.command("terminal length 0", "sim-007#");
            String startup = shell.command("show startup-config", "sim-007#");
            assertTrue(startup.contains("\r\nsnmp-server community public RO\r\n"), startup);
            assertEquals("wr\r\nBuilding configuration...\r\n[OK]\r\nsim-007#", shell.command("wr", "sim-007#"));
        }
    }

    @Test
    void motdBannerShowsAtTheNextLogin() throws Exception {
        SimulatedDevice device = simulator.device(7);
        try (TestShell shell = TestShell.open(client, device)) {
            shell.readUntil("sim-008>");
            shell.command("enable", "Password: ");
            shell.command("secret", "sim-008#");
            shell.command("configure terminal", "sim-008(config)#");
            assertEquals("banner motd #\r\nEnter TEXT message.  End with the character '#'.\r\n",
                    shell.command("banner motd #", "'#'.\r\n"));
            shell.send("Authorized access only\n#\n");
            shell.readUntil("sim-008(config)#");
            shell.command("end", "sim-008#");
        }
        assertTrue(device.runningConfig().contains("\nbanner motd ^C\nAuthorized access only\n^C\n"));
        try (TestShell shell = TestShell.open(client, device)) {
            assertTrue(shell.readUntil("sim-008>").contains("Authorized access only\r\n"));
        }
    }

    @Test
    void exitEndsTheSession() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(8))) {
            shell.readUntil("sim-009>");
            shell.send("exit\n");
            shell.awaitEnd();
        }
    }

    @Test
    void endOfInputGetsTheRepliesThenEndsTheSession() throws Exception {
        try (TestShell shell = TestShell.open(client, simulator.device(8))) {
            shell.send("show privilege\n");
            shell.endInput();
            assertTrue(shell.readUntil("Current privilege level is 1\r\nsim-009>").startsWith("\r\nsim-009>"));
            shell.awaitEnd();
        }
    }

    @Test
    void execRequestRunsOneCommand() throws Exception {
        SimulatedDevice device = simulator.device(9);
        try (ClientSession session = TestShell.login(client, device, "admin", "admin");
                ChannelExec exec = session.createExecChannel("show version")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exec.setOut(out);
            exec.open().verify(TestShell.TIMEOUT);
            assertTrue(exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TestShell.TIMEOUT)
                    .contains(ClientChannelEvent.CLOSED));
            String text = out.toString(StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("Cisco IOS Software, IOSv Software"), text);
            assertEquals(0, exec.getExitStatus());
        }
        assertTrue(device.commandsExecuted() >= 1);
    }

    private static int lineEnds(String text) {
        return text.split("\r\n", -1).length - 1;
    }
}
