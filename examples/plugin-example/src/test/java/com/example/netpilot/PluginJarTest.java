package com.example.netpilot;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDrivers;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.plugin.Plugins;
import dev.netpilot.plugin.PluginConfig;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.templates.ParseSpec;
import dev.netpilot.templates.Parsers;
import dev.netpilot.templates.Renderers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged example jar, copied into a plugin directory, is found by a plugin loader the way the services find
 * it; a broken plugin jar beside it is logged and skipped while the rest keep working.
 */
class PluginJarTest {

    @TempDir
    Path plugins;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(Plugins.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + new SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void dropJars() throws IOException {
        logger.addHandler(capture);
        Path jar = Path.of(System.getProperty("plugin.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        brokenJar(plugins.resolve("broken-plugin.jar"));
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    private PluginLoader loader() {
        return PluginLoader.of(Optional.of(plugins), PluginConfig.of(Map.of()));
    }

    @Test
    void theExampleIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.example.netpilot.EchoDriver"));
    }

    @Test
    void theDriverIsFoundBesideTheBuiltInAndRuns() throws Exception {
        DeviceDrivers drivers = new DeviceDrivers(loader());
        assertTrue(drivers.names().containsAll(List.of("example_echo", "netmiko")), drivers.names().toString());
        DeviceSession session = drivers.byName("example_echo").open(ConnectionSpec.from(
                Map.of("host", "r1", "username", "ops"))).toCompletableFuture().get();
        assertEquals("ops@r1: show clock", session.send("show clock", CommandOptions.defaults())
                .toCompletableFuture().get().stdout());
        String log = String.join("\n", logged);
        assertTrue(log.contains("Loaded the driver plugin 'example_echo' (com.example.netpilot.EchoDriver) from "
                + "plugin-example-"), log);
        assertTrue(log.contains("broken.Missing") && log.contains("not found"), log);
        assertTrue(log.contains("broken.NeedsLicence") && log.contains("no licence key"), log);
    }

    @Test
    void theRendererAndParserAreFoundBesideTheBuiltIns() {
        Renderers renderers = new Renderers(loader());
        assertEquals("hostname CORE1", renderers.get("example_upper").render("hostname {name}",
                Map.of("name", "core1"), Map.of()));
        assertEquals("hostname core1", renderers.get("jinja2").render("hostname {{ name }}",
                Map.of("name", "core1"), Map.of()));
        Parsers parsers = new Parsers(loader());
        assertEquals(List.of(Map.of("Model", "C9300", "Serial", "FOC1")), parsers.get("example_kv")
                .parse(ParseSpec.from(Map.of("name", "example_kv", "template", ":")), "Model: C9300\nSerial: FOC1\n"));
        assertTrue(parsers.get("textfsm") != null);
    }

    /** A jar whose services file names a class that is missing and one whose constructor throws. */
    private static void brokenJar(Path jar) throws IOException {
        Path src = Files.createTempDirectory("broken-src");
        Path classes = Files.createTempDirectory("broken-classes");
        Path source = Files.createDirectories(src.resolve("broken")).resolve("NeedsLicence.java");
        Files.writeString(source, """
                package broken;
                public class NeedsLicence implements dev.netpilot.driver.DeviceDriver {
                    public NeedsLicence() { throw new IllegalStateException("no licence key"); }
                    public String name() { return "licensed"; }
                    public java.util.concurrent.CompletionStage<dev.netpilot.driver.DeviceSession> open(
                            dev.netpilot.driver.ConnectionSpec spec) { return null; }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(), source.toString());
        assertEquals(0, status, "the broken plugin compiles");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("broken/NeedsLicence.class"));
            Files.copy(classes.resolve("broken/NeedsLicence.class"), out);
            out.putNextEntry(new JarEntry("META-INF/services/dev.netpilot.driver.DeviceDriver"));
            out.write("broken.Missing\nbroken.NeedsLicence\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
