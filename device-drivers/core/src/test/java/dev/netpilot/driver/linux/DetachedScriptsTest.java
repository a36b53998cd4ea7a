package dev.netpilot.driver.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detached-task scripts run by this machine's bash, as a Linux host runs them. */
class DetachedScriptsTest {

    @TempDir
    Path dir;

    private static String bash(String script, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        if (log != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        Process process = builder.start();
        String output = log == null ? new String(process.getInputStream().readAllBytes()) : "";
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script ended");
        return output;
    }

    @Test
    void theWatcherCutsALongLogToItsTailAndAQueryPastTheEndStartsOver() throws Exception {
        Path base = dir.resolve("np_t1");
        Path log = Path.of(base + ".log");
        // 30 lines of 1,000 bytes, then wait (at most 20 s) for the watcher to cut the log, then one last line.
        String work = "for i in $(seq 1 30); do printf '%0999d\\n' \"$i\"; done\n"
                + "n=0; while [ \"$(wc -c < \"$b.log\")\" -gt 20000 ] && [ $n -lt 200 ]; do "
                + "sleep 0.1; n=$((n+1)); done\n"
                + "echo END";
        bash(DetachedScripts.runner(base.toString(), work, new DetachedScripts.Rotation(20_000, 5_000, 1)), log);

        assertEquals("0", Files.readString(Path.of(base + ".pid.exit")).trim());
        String kept = Files.readString(log);
        assertEquals(5_000 + "END\n".length(), kept.length(), "the last 5,000 bytes and what came after");
        assertTrue(kept.startsWith("%0999d\n".formatted(26)), kept.substring(0, 20));
        assertTrue(kept.endsWith("%0999d\nEND\n".formatted(30)));

        // A reader whose offset is past the cut log's end reads it again from the start.
        Files.writeString(Path.of(base + ".pid"), "999999999\n");
        String query = DetachedScripts.query("", "t1", 30_000).replace(
                "b=" + ShellLine.quote(DetachedScripts.base("", "t1")), "b=" + ShellLine.quote(base.toString()));
        String answer = bash(query, null);
        assertEquals("NP_TASK no 999999999 5004 0\n" + kept, answer);
    }
}
