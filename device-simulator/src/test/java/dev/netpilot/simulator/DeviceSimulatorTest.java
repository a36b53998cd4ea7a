package dev.netpilot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator as a whole: ports, sessions, limits, latency and large outputs. */
class DeviceSimulatorTest {

    private static SshClient client;

    @BeforeAll
    static void startClient() {
        client = TestShell.client();
    }

    @AfterAll
    static void stopClient() {
        client.stop();
    }

    @Test
    void startsTwoHundredDevicesOnFreePortsAndFreesThemOnClose() throws Exception {
        List<Integer> ports;
        try (DeviceSimulator simulator = DeviceSimulator.start(SimulatorConfig.builder().devices(200).build())) {
            List<SimulatedDevice> devices = simulator.devices();
            assertEquals(200, devices.size());
            ports = devices.stream().map(SimulatedDevice::port).toList();
            assertEquals(200, new HashSet<>(ports).size());
            assertEquals("sim-001", devices.get(0).hostname());
            assertEquals("sim-200", simulator.device(199).hostname());
            assertEquals("127.0.0.1", devices.get(0).host());
            assertEquals("cisco_ios", devices.get(0).platform());
            for (SimulatedDevice device : List.of(simulator.device(0), simulator.device(99), simulator.device(199))) {
                try (TestShell shell = TestShell.open(client, device)) {
                    shell.readUntil(device.hostname() + ">");
                }
            }
        }
        for (int port : ports) {
            try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(free.isBound());
            }
        }
    }

    @Test
    void fixedBasePortGivesConsecutivePortsAndNamesABusyOne() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            IOException e = assertThrows(IOException.class, () -> DeviceSimulator.start(
                    SimulatorConfig.builder().devices(2).basePort(port).build()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            try (DeviceSimulator simulator = DeviceSimulator.start(
                    SimulatorConfig.builder().devices(3).basePort(port + 1).build())) {
                assertEquals(List.of(port + 1, port + 2, port + 3),
                        simulator.devices().stream().map(SimulatedDevice::port).toList());
            } catch (IOException neighbourTaken) {
                // another process owns a port next to ours: nothing to learn from this run
                assertTrue(neighbourTaken.getMessage().startsWith("cannot listen on"), neighbourTaken.getMessage());
            }
        }
    }

    @Test
    void largeRunningConfigArrivesComplete() throws Exception {
        try (DeviceSimulator simulator = DeviceSimulator.start(SimulatorConfig.builder().interfaces(1500).build());
                TestShell shell = TestShell.open(client, simulator.device(0))) {
            shell.readUntil("sim-001>");
            shell.command("enable", "Password: ");
            shell.command("secret", "sim-001#");
            shell.command("terminal length 0", "sim-001#");
            String shown = shell.command("show running-config", "end\r\n\r\nsim-001#");
            String config = simulator.device(0).runningConfig();
            assertTrue(config.length() > 100_000, "config is only " + config.length() + " bytes");
            assertTrue(shown.endsWith(config.replace("\n", "\r\n") + "\r\nsim-001#"));
            assertEquals(1500, config.split("\ninterface GigabitEthernet0/", -1).length - 1);
            assertTrue(shell.command("show ip interface brief", "sim-001#")
                    .contains("\r\nGigabitEthernet0/1499      10.5.219.1      YES NVRAM  up "));
        }
    }

    @Test
    void pagingLockedKeepsThePagerOnAfterTerminalLengthZero() throws Exception {
        try (DeviceSimulator simulator = DeviceSimulator.start(SimulatorConfig.builder().pagingLocked(true).build());
                TestShell shell = TestShell.open(client, simulator.device(0))) {
            shell.readUntil("sim-001>");
            assertEquals("terminal length 0\r\nsim-001>", shell.command("terminal length 0", "sim-001>"));
            shell.command("show version", " --More-- ");
            shell.readUntilAfter("q", "sim-001>");
        }
    }

    @Test
    void dropSessionsClosesEverySessionOfTheDevice() throws Exception {
        try (DeviceSimulator simulator = DeviceSimulator.start(SimulatorConfig.builder().devices(2).build());
                TestShell first = TestShell.open(client, simulator.device(0));
                TestShell second = TestShell.open(client, simulator.device(0));
                TestShell other = TestShell.open(client, simulator.device(1))) {
            first.readUntil("sim-001>");
            second.readUntil("sim-001>");
            other.readUntil("sim-002>");
            SimulatedDevice device = simulator.device(0);
            assertEquals(2, device.activeSessions());
            device.dropSessions();
            first.awaitEnd();
            second.awaitEnd();
            eventually(() -> device.activeSessions() == 0);
            // the other device is untouched, and the dropped one takes new sessions
            assertEquals("show privilege\r\nCurrent privilege level is 1\r\nsim-002>",
                    other.command("show privilege", "sim-002>"));
            try (TestShell again = TestShell.open(client, device)) {
                again.readUntil("sim-001>");
            }
        }
    }

    @Test
    void refusesSessionsBeyondMaxSessions() throws Exception {
        try (DeviceSimulator simulator = DeviceSimulator.start(SimulatorConfig.builder().maxSessions(2).build())) {
            SimulatedDevice device = simulator.device(0);
            try (TestShell first = TestShell.open(client, device)) {
                try (TestShell second = TestShell.open(client, device)) {
                    first.readUntil("sim-001>");
                    second.readUntil("sim-001>");
                    assertThrows(IOException.class, () -> TestShell.open(client, device));
                    assertEquals(2, device.activeSessions());
                }
                eventually(() -> device.activeSessions() == 1);
                try (TestShell third = TestShell.open(client, device)) {
                    third.readUntil("sim-001>");
                }
            }
        }
    }

    @Test
    void wrongPasswordFailsAuthentication() throws Exception {
        try (DeviceSimulator simulator = DeviceSimulator.start(SimulatorConfig.builder().build())) {
            assertThrows(IOException.class, () -> TestShell.login(client, simulator.device(0), "admin", "nope"));
            assertThrows(IOException.class, () -> TestShell.login(client, simulator.device(0), "root", "admin"));
        }
    }

    @Test
    void keyboardInteractiveLoginTakesThePassword() throws Exception {
        SshClient interactive = SshClient.setUpDefaultClient();
        interactive.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        interactive.setUserAuthFactories(List.of(UserAuthKeyboardInteractiveFactory.INSTANCE));
        interactive.setUserInteraction(new UserInteraction() {
            @Override
            public String[] interactive(ClientSession session, String name, String instruction, String lang,
                    String[] prompt, boolean[] echo) {
                return new String[] {"admin"};
            }

            @Override
            public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
                return null;
            }
        });
        interactive.start();
        try (DeviceSimulator simulator = DeviceSimulator.start(SimulatorConfig.builder().build());
                ClientSession session = interactive.connect("admin", "127.0.0.1", simulator.device(0).port())
                        .verify(TestShell.TIMEOUT).getSession()) {
            assertTrue(session.auth().verify(TestShell.TIMEOUT).isSuccess());
        } finally {
            interactive.stop();
        }
    }

    @Test
    void latencyDelaysEveryReply() throws Exception {
        Duration latency = Duration.ofMillis(150);
        try (DeviceSimulator simulator = DeviceSimulator.start(SimulatorConfig.builder().latency(latency).build());
                TestShell shell = TestShell.open(client, simulator.device(0))) {
            shell.readUntil("sim-001>");
            long start = System.nanoTime();
            shell.command("show privilege", "sim-001>");
            assertTrue(System.nanoTime() - start >= latency.toNanos());
            assertEquals(1, simulator.device(0).commandsExecuted());
        }
    }

    @Test
    void configRejectsWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> SimulatorConfig.builder().devices(0).build());
        assertThrows(IllegalArgumentException.class, () -> SimulatorConfig.builder().basePort(65535).devices(2).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatorConfig.builder().platform("junos").build());
        assertEquals("unknown platform 'junos', supported: arista_eos, cisco_ios, cisco_nxos, cisco_xr, hp_comware, huawei, "
                + "huawei_vrpv8, juniper_junos, linux", e.getMessage());
    }

    /** Waits, bounded, for something the server does asynchronously after a client-side event. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TestShell.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within " + TestShell.TIMEOUT);
            Thread.sleep(10);
        }
    }
}
