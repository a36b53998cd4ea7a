package dev.netpilot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulatorCommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsage() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--base-port P"));
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhatIsWrong() {
        assertEquals(2, run("--devices", "many"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--devices needs a whole number, got 'many'"));
        assertEquals(2, run("--colour"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--colour'"));
        assertEquals(2, run("--devices"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--devices needs a value"));
        assertEquals(2, run("--platform", "junos"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown platform 'junos'"));
    }

    @Test
    void parsesEveryOption() {
        SimulatorConfig c = SimulatorCommandLine.parse(new String[] {"--devices", "100", "--base-port=10022",
            "--platform", "cisco_ios", "--latency-ms", "5", "--username", "u", "--password", "p",
            "--enable-secret", "s", "--interfaces", "8", "--paging-locked", "--max-sessions", "3",
            "--hostname-prefix", "lab"});
        assertEquals(100, c.devices());
        assertEquals(10022, c.basePort());
        assertEquals(Duration.ofMillis(5), c.latency());
        assertEquals("u", c.username());
        assertEquals("p", c.password());
        assertEquals("s", c.enableSecret());
        assertEquals(8, c.interfaces());
        assertTrue(c.pagingLocked());
        assertEquals(3, c.maxSessions());
        assertEquals("lab-042", c.hostname(42));
    }
}
