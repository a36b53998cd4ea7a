package dev.netpilot.templates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuteRendererTest {

    private final QuteRenderer qute = new QuteRenderer();
    private final Map<String, Object> context = Map.of("name", "r1",
            "interfaces", List.of(Map.of("name", "Gi0/1", "vlan", 10), Map.of("name", "Gi0/2", "vlan", 20)));

    @Test
    void rendersDataLoopsAndConditions() {
        String template = """
                hostname {name}
                {#for i in interfaces}
                interface {i.name}
                 switchport access vlan {i.vlan}{#if i.vlan > 10} ! above ten{/if}
                {/for}
                """;
        assertEquals("hostname r1\ninterface Gi0/1\n switchport access vlan 10\ninterface Gi0/2\n"
                + " switchport access vlan 20 ! above ten\n", qute.render(template, context, Map.of()));
    }

    @Test
    void strictByDefaultNamingTheMissingKeyAndLine() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> qute.render("hostname {name}\nip domain {domain}", context, Map.of()));
        assertTrue(e.getMessage().startsWith("qute template error: line 2:") && e.getMessage().contains("\"domain\""),
                e.getMessage());
        assertEquals("ip domain ", qute.render("ip domain {domain}", context, Map.of("strict", false)));
    }

    @Test
    void syntaxErrorsNameTheLine() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> qute.render("a\n{#if name}\nb", context, Map.of()));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("unterminated section [if]"), e.getMessage());
    }

    @Test
    void onlyStrictIsAnOption() {
        assertThrows(InvalidSpecException.class, () -> qute.render("x", context, Map.of("trim_blocks", true)));
        assertThrows(InvalidSpecException.class, () -> qute.render("x", context, Map.of("strict", "no")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{name.class}", "{name.getClass()}", "{name.getClass().forName('java.lang.Runtime')}",
            "{interfaces.getClass().getClassLoader()}", "{#include /etc/passwd /}", "{#include base /}"})
    void javaAndOtherTemplatesAreOutOfReach(String template) {
        assertThrows(TemplateException.class, () -> qute.render(template, context, Map.of()));
        assertEquals("", qute.render(template.startsWith("{#") ? "" : template, context, Map.of("strict", false)));
    }
}
