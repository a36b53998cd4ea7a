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
