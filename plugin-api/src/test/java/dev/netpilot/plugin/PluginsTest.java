package dev.netpilot.plugin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginsTest {

    @TempDir
    Path dir;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(Plugins.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    private static String greeter(String className, String body) {
        int dot = className.lastIndexOf('.');
        return "package " + className.substring(0, dot) + ";\n"
                + "public class " + className.substring(dot + 1) + " implements dev.netpilot.plugin.Greeter {\n"
                + body + "\n public String greet(String who) { return name() + \" \" + who; }\n}\n";
    }

    private Plugins<Greeter> greeters(Map<String, String> config) {
        return PluginLoader.of(Optional.of(dir), PluginConfig.of(config)).plugins(Greeter.class, "greeter", Greeter::name);
    }

    @Test
    void builtInsAloneWithoutADirectory() {
        Plugins<Greeter> plugins = PluginLoader.of(Optional.empty(), PluginConfig.of(Map.of()))
                .plugins(Greeter.class, "greeter", Greeter::name);
        assertEquals(Set.of("builtin"), plugins.names());
        assertEquals("hi you", plugins.get("builtin").greet("you"));
    }

    @Test
    void aJarInTheDirectoryIsFoundAndConfigured() throws IOException {
        TestJars.build(dir.resolve("hello.jar"), Map.of("acme.Hello", greeter("acme.Hello",
                        " private String word = \"unset\";\n"
                                + " public String name() { return \"hello\"; }\n"),
                "acme.Configured", greeter("acme.Configured",
                        " private String word;\n"
                                + " public String name() { return word; }\n")
                        .replace("implements dev.netpilot.plugin.Greeter {",
                                "implements dev.netpilot.plugin.Greeter, dev.netpilot.plugin.Configurable {\n"
                                        + " public void configure(dev.netpilot.plugin.PluginConfig c) { word = c.get(\"acme.word\", \"none\"); }")),
                Map.of(Greeter.class.getName(), "acme.Hello\n# a comment\nacme.Configured\n"));

        Plugins<Greeter> plugins = greeters(Map.of("acme.word", "howdy"));

        assertEquals(Set.of("builtin", "hello", "howdy"), plugins.names());
        assertEquals("hello you", plugins.get("hello").greet("you"));
        assertEquals(3, plugins.all().size());
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("INFO") && line.contains("'hello'")
                && line.contains("hello.jar")), logged::toString);
    }

    @Test
    void brokenPluginsAreLoggedAndSkippedWhileTheOthersWork() throws IOException {
        TestJars.build(dir.resolve("a-broken.jar"), Map.of(
                        "bad.Throwing", greeter("bad.Throwing",
                                " public Throwing() { throw new IllegalStateException(\"no licence file\"); }\n"
                                        + " public String name() { return \"throwing\"; }\n"),
                        "bad.Clash", greeter("bad.Clash", " public String name() { return \"builtin\"; }\n"),
                        "bad.NoName", greeter("bad.NoName", " public String name() { return null; }\n"),
                        "bad.NotAGreeter", "package bad; public class NotAGreeter { }",
                        "bad.Good", greeter("bad.Good", " public String name() { return \"good\"; }\n")),
                Map.of(Greeter.class.getName(), "bad.Missing\nbad.Throwing\nbad.Clash\nbad.NoName\nbad.NotAGreeter\nbad.Good\n"));
        TestJars.build(dir.resolve("b-fine.jar"), Map.of("fine.Fine", greeter("fine.Fine",
                " public String name() { return \"fine\"; }\n")), Map.of(Greeter.class.getName(), "fine.Fine\n"));
        Files.writeString(dir.resolve("notes.txt"), "not a jar");

        Plugins<Greeter> plugins = greeters(Map.of());

        assertEquals(Set.of("builtin", "good", "fine"), plugins.names());
        assertEquals("hi you", plugins.get("builtin").greet("you"), "the built-in keeps its name");
        assertEquals("fine you", plugins.get("fine").greet("you"));
        String log = String.join("\n", logged);
        assertTrue(log.contains("bad.Missing") && log.contains("not found"), log);
        assertTrue(log.contains("bad.Throwing") && log.contains("no licence file"), log);
        assertTrue(log.contains("bad.Clash") && log.contains("'builtin' is already taken by "
                + BuiltInGreeter.class.getName()), log);
        assertTrue(log.contains("bad.NoName") && log.contains("has no name"), log);
        assertTrue(log.contains("bad.NotAGreeter") && log.contains("not a subtype"), log);
    }

    @Test
    void anUnknownNameListsTheNamesThatExist() {
        Plugins<Greeter> plugins = greeters(Map.of());
        UnknownPluginException e = assertThrows(UnknownPluginException.class, () -> plugins.get("nope"));
        assertEquals("greeter 'nope' does not exist; the greeters are: builtin", e.getMessage());
        assertEquals(Set.of("builtin"), e.available());
    }

    @Test
    void aMissingDirectoryLeavesTheBuiltIns() {
        Plugins<Greeter> plugins = PluginLoader.of(Optional.of(dir.resolve("absent")), PluginConfig.of(Map.of()))
                .plugins(Greeter.class, "greeter", Greeter::name);
        assertEquals(Set.of("builtin"), plugins.names());
    }

    @Test
    void aliasesAreNamesToo() {
        Plugins<Greeter> plugins = PluginLoader.of(Optional.empty(), PluginConfig.of(Map.of()))
                .plugins(Greeter.class, "greeter", Greeter::name, greeter -> List.of("hi"));
        assertEquals(Set.of("builtin", "hi"), plugins.names());
        assertEquals(plugins.get("builtin"), plugins.get("hi"));
        assertEquals(1, plugins.all().size());
    }

    @Test
    void configReadsListsAndDurations() {
        PluginConfig config = PluginConfig.of(Map.of("a", " x, ,y ", "d1", "250ms", "d2", "5m", "d3", "7", "bad", "soon"));
        assertEquals(List.of("x", "y"), config.list("a"));
        assertEquals(java.time.Duration.ofMillis(250), config.duration("d1", null));
        assertEquals(java.time.Duration.ofMinutes(5), config.duration("d2", null));
        assertEquals(java.time.Duration.ofSeconds(7), config.duration("d3", null));
        assertEquals(java.time.Duration.ofSeconds(1), config.duration("unset", java.time.Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> config.duration("bad", null));
        assertEquals("NP_PLUGINS_DIR", PluginConfig.envName("np.plugins.dir"));
    }
}
