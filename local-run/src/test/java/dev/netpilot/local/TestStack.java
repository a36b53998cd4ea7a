package dev.netpilot.local;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A {@link LocalStack} for one test class; the services' output goes to {@code target/<name>-services.log}. */
final class TestStack implements AutoCloseable {

    final LocalStack stack;
    private final PrintStream log;

    private TestStack(LocalStack stack, PrintStream log) {
        this.stack = stack;
        this.log = log;
    }

    static TestStack start(String name, String apiKey, int devices, int executors, Map<String, String> settings)
            throws IOException {
        return start(name, apiKey, devices, "cisco_ios", executors, settings);
    }

    /** {@code platform}: the simulated devices' personality, or several separated by commas. */
    static TestStack start(String name, String apiKey, int devices, String platform, int executors,
                           Map<String, String> settings) throws IOException {
        Path logFile = Path.of("target", name + "-services.log");
        Files.createDirectories(logFile.getParent());
        PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile()), true);
        try {
            return new TestStack(LocalStack.start(new LocalStack.Options(LocalStack.home(), null, 0, 0, 0, apiKey,
                    devices, 0, platform, executors, settings, log)), log);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    @Override
    public void close() {
        stack.close();
        log.close();
    }
}
