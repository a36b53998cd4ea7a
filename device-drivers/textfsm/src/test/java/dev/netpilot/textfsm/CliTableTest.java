package dev.netpilot.textfsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index lookup and multi-template merges on the fixture in {@code src/test/resources/.../clitable}. Expected
 * results are what Python's clitable (textfsm 1.1.0) returns through ntc-templates' {@code parse_output}.
 */
class CliTableTest {

    private static final Path DIR = fixture();
    private final CliTable table = CliTable.load(DIR);

    private static Path fixture() {
        try {
            return Path.of(CliTableTest.class.getResource("clitable/index").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> parse(String platform, String command, String output) {
        return table.parse(platform, command, output).toMaps();
    }

    @Test
    void completionBracketsExpandToOptionalPrefixes() {
        assertEquals("sh(o(w)?)? ver(s(i(o(n)?)?)?)?", CliTable.expandCompletion("sh[[ow]] ver[[sion]]"));
        assertEquals("show (in(t)?)", CliTable.expandCompletion("show (in[[t]])"));
    }

    @Test
    void commandsMatchFromTheStartWithAnyCompletion() {
        List<String> version = List.of("acme_show_version.textfsm");
        assertEquals(Optional.of(version), table.templatesFor("acme_os", "sh ver"));
        assertEquals(Optional.of(version), table.templatesFor("acme_os", "sho versi"));
        assertEquals(Optional.of(version), table.templatesFor("acme_os", "show version | include x"));
        assertEquals(Optional.empty(), table.templatesFor("acme_os", "shw ver"));
        assertEquals(Optional.empty(), table.templatesFor("other_os", "show version"));
        // The first matching line wins: "show interfaces detail" also matches the shorter line below it.
        assertEquals(Optional.of(List.of("acme_show_interfaces_detail.textfsm", "acme_show_interfaces_mtu.textfsm")),
                table.templatesFor("acme_os", "show int detail"));
        assertEquals(Optional.of(List.of("acme_show_interfaces.textfsm")), table.templatesFor("acme_os", "sh int"));
        // "$" in the index ends the command; the platform column is a regex too.
        assertEquals(Optional.empty(), table.templatesFor("acme_os", "show vlans all"));
        assertEquals(2, table.templatesFor("acme_anything", "show vlans").orElseThrow().size());
        // A line with the wrong number of columns is dropped, as clitable drops it.
        assertEquals(Optional.empty(), table.templatesFor("with", "too"));
    }

    @Test
    void parsesWithTheIndexedTemplateAndStringifiesNoneInLists() {
        assertEquals(List.of(Map.of("version", "1.2", "serial", List.of("ABC", "DEF"), "slot", List.of("1", "None"))),
                parse("acme_os", "sh ver", "Version 1.2\nSerial ABC slot 1\nSerial DEF\n"));
    }

    @Test
    void severalTemplatesMergeOnTheirKeyValues() {
        assertEquals(List.of(Map.of("interface", "eth0", "status", "up", "mtu", "1500"),
                        Map.of("interface", "eth1", "status", "down", "mtu", "9000")),
                parse("acme_os", "show interfaces detail",
                        "eth0 is up\neth1 is down MTU 9000\neth0 has MTU 1500\neth2 MTU 1400\n"));
        assertEquals(List.of("INTERFACE", "STATUS", "MTU"),
                table.parse("acme_os", "show interfaces detail", "eth0 is up\n").header());
    }

    @Test
    void withoutKeysTemplatesMergeByRowPosition() {
        assertEquals(List.of(Map.of("port", "1", "speed", "10"), Map.of("port", "2", "speed", "100"),
                        Map.of("port", "3", "speed", "")),
                parse("acme_os", "show ports", "port 1\nport 2\nport 3\nspeed 10\nspeed 100\n"));
    }

    @Test
    void keysComeFromTheFirstTemplateThatDeclaresThem() {
        assertEquals(List.of(Map.of("vlan", "1", "ports", "a", "name", "one"),
                        Map.of("vlan", "2", "ports", "b", "name", "two")),
                parse("acme_foo", "show vlans",
                        "vlan 1 ports a\nvlan 2 ports b\nname two vlan 2\nname one vlan 1\nname three vlan 3\n"));
    }

    @Test
    void errorsSayWhatToDo() {
        CliTableException none = assertThrows(CliTableException.class, () -> table.parse("other_os", "show x", ""));
        assertTrue(none.getMessage().startsWith("No template found for platform 'other_os' and command 'show x'"));
        CliTableException missing = assertThrows(CliTableException.class,
                () -> table.parse("acme_os", "show missing", ""));
        assertTrue(missing.getMessage().startsWith("Template 'acme_show_missing.textfsm' named by the index is "
                + "missing from"), missing.getMessage());
        assertThrows(CliTableException.class, () -> CliTable.load(DIR.resolve("no-such-dir")));
    }

    @Test
    void indexWithoutTemplateColumnOrHeaderIsRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("index"), "# only comments\n\n");
        assertThrows(CliTableException.class, () -> CliTable.load(dir));
        Files.writeString(dir.resolve("index"), "Hostname, Platform, Command\n.*, x, show x\n");
        assertEquals("Index file " + dir.resolve("index") + " does not have 'Template' column.",
                assertThrows(CliTableException.class, () -> CliTable.load(dir)).getMessage());
        Files.writeString(dir.resolve("other"), "Template, Command\nt.textfsm, show (x\n");
        assertTrue(assertThrows(CliTableException.class, () -> CliTable.load(dir, "other")).getMessage()
                .contains("Invalid regular expression in column Command"));
    }

    @Test
    void templatesAreCompiledOnceAndSharedAcrossThreads() {
        List<TextFsmTemplate> compiled = IntStream.range(0, 64).parallel()
                .mapToObj(i -> table.template("acme_show_ports.textfsm")).toList();
        compiled.forEach(t -> assertSame(compiled.get(0), t));
    }
}
