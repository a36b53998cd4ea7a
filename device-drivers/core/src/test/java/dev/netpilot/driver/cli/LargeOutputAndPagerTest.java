package dev.netpilot.driver.cli;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.job.CommandResult;
import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatedDevice;
import dev.netpilot.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static dev.netpilot.driver.cli.SshCliDriverTest.args;
import static dev.netpilot.driver.cli.SshCliDriverTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outputs of over 100 kB arrive whole, with paging off and when the device insists on paging. */
class LargeOutputAndPagerTest {

    private static final int INTERFACES = 1500;

    @Test
    void aHundredKilobyteOutputArrivesComplete() throws Exception {
        assertCompleteRunningConfig(false);
    }

    @Test
    void thePagerIsAnsweredWhenPagingCannotBeDisabled() throws Exception {
        assertCompleteRunningConfig(true);
    }

    /**
     * A 5 MB running config (47,000 interfaces) arrives whole and in order; the time is printed, not asserted. Reads
     * check only the tail of what arrived for the prompt, so the cost grows with the size, not with its square.
     */
    @Test
    void aFiveMegabyteRunningConfigArrivesCompleteAndFast() throws Exception {
        try (DeviceSimulator simulator = DeviceSimulator.start(SimulatorConfig.builder().interfaces(47_000).build())) {
            SimulatedDevice device = simulator.device(0);
            DeviceSession session = await(new SshCliDriver().open(ConnectionSpec.from(args(device))));
            try {
                await(session.enable());
                String expected = device.runningConfig().strip();
                for (int run = 1; run <= 2; run++) {
                    long started = System.nanoTime();
                    CommandResult result = await(session.send("show running-config", CommandOptions.defaults()));
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    String output = (String) result.stdout();
                    int bytes = output.getBytes(StandardCharsets.UTF_8).length;
                    System.out.printf("5 MB output, run %d: %d bytes in %d ms%n", run, bytes, millis);
                    assertEquals(0, result.exitStatus(), result.stderr());
                    assertTrue(bytes > 5_000_000, "expected over 5 MB, got " + bytes);
                    assertTrue(output.strip().endsWith(expected), "the whole running config, in order");
                }
                CommandResult expectString = await(session.send("show running-config",
                        new CommandOptions(CommandOptions.DEFAULT_READ_TIMEOUT, Pattern.compile("\\nend\\r?\\n"))));
                assertTrue(expectString.stdout().toString().contains("interface GigabitEthernet0/46999"),
                        "an expect_string at the very end of 5 MB is found");
            } finally {
                await(session.close());
            }
        }
    }

    private static void assertCompleteRunningConfig(boolean pagingLocked) throws Exception {
        try (DeviceSimulator simulator = DeviceSimulator.start(SimulatorConfig.builder()
                .interfaces(INTERFACES).pagingLocked(pagingLocked).build())) {
            SimulatedDevice device = simulator.device(0);
            DeviceSession session = await(new SshCliDriver().open(ConnectionSpec.from(args(device))));
            try {
                await(session.enable());
                CommandResult result = await(session.send("show running-config", CommandOptions.defaults()));
                assertEquals(0, result.exitStatus(), result.stderr());
                String output = (String) result.stdout();
                assertTrue(output.getBytes(StandardCharsets.UTF_8).length > 100_000,
                        "expected over 100 kB, got " + output.length());
                assertFalse(output.contains("--More--"), "pager markers must be removed");
                assertFalse(output.contains("\b"), "pager erasure must be removed");
                assertEquals(INTERFACES, output.lines().filter(l -> l.startsWith("interface GigabitEthernet")).count());
                String expected = device.runningConfig().replace("\r\n", "\n").strip();
                assertTrue(output.strip().endsWith(expected), "the output must hold the whole running config, in order");
            } finally {
                await(session.close());
            }
        }
    }
}
