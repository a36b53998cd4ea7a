package dev.netpilot.templates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Jinja2RendererTest {

    private final Jinja2Renderer jinja = new Jinja2Renderer();

    private String render(String template, Map<String, Object> context, Map<String, Object> options) {
        return jinja.render(template, context, options);
    }

    private String render(String template, Map<String, Object> options) {
        return render(template, Map.of("name", "r1", "vlans", List.of(10, 20)), options);
    }

    private TemplateException failure(String template, Map<String, Object> options) {
        return assertThrows(TemplateException.class, () -> render(template, options));
    }

    @Test
    void rendersVariablesLoopsAndFilters() {
        assertEquals("hostname R1\nvlan 10\nvlan 20\n",
                render("hostname {{ name | upper }}\n{% for v in vlans %}vlan {{ v }}\n{% endfor %}", Map.of()));
    }

    @Test
    void customDelimiters() {
        Map<String, Object> options = Map.of("variable_start_string", "<<", "variable_end_string", ">>",
                "block_start_string", "<%", "block_end_string", "%>",
                "comment_start_string", "<#", "comment_end_string", "#>");
        assertEquals("r1 {{ x }} 10 20 ", render("<< name >> {{ x }}<# note #> <% for v in vlans %><< v >> <% endfor %>",
                options));
    }

    @Test
    void trimAndLstripBlocks() {
        String template = "a\n  {% if true %}\nb\n  {% endif %}\nc";
        assertEquals("a\n  \nb\n  \nc", render(template, Map.of()));
        assertEquals("a\n  b\n  c", render(template, Map.of("trim_blocks", true)));
        assertEquals("a\nb\nc", render(template, Map.of("trim_blocks", true, "lstrip_blocks", true)));
    }

    @Test
    void keepTrailingNewline() {
        assertEquals("r1", render("{{ name }}\n", Map.of()));
        assertEquals("r1\n", render("{{ name }}\n", Map.of("keep_trailing_newline", true)));
    }

    @Test
    void newlineSequence() {
        assertEquals("a\r\nb", render("a\nb", Map.of("newline_sequence", "\r\n")));
        assertEquals("a\nb", render("a\r\nb", Map.of()));
        assertThrows(InvalidSpecException.class, () -> render("a", Map.of("newline_sequence", "\t")));
    }

    @Test
    void lineStatementsAndLineComments() {
        String template = "# for v in vlans\nvlan {{ v }} ## the vlan\n# endfor\n";
        assertEquals("vlan 10\nvlan 20\n",
                render(template, Map.of("line_statement_prefix", "#", "line_comment_prefix", "##")));
    }

    @Test
    void unknownOrMistypedOptionsAreRefused() {
        InvalidSpecException unknown = assertThrows(InvalidSpecException.class,
                () -> render("x", Map.of("autoescape", true)));
        assertTrue(unknown.getMessage().contains("unknown jinja2 option 'autoescape'"), unknown.getMessage());
        assertThrows(InvalidSpecException.class, () -> render("x", Map.of("trim_blocks", "yes")));
        assertThrows(InvalidSpecException.class, () -> render("x", Map.of("block_start_string", 3)));
    }

    @Test
    void undefinedVariablesAreEmptyUnlessStrict() {
        assertEquals("hostname ", render("hostname {{ hostname }}", Map.of()));
        TemplateException e = failure("interface x\n hostname {{ hostname }}", Map.of("strict", true));
        assertEquals("jinja2 template error: line 2: 'hostname' is undefined (strict is on)", e.getMessage());
    }

    @Test
    void syntaxErrorsNameTheLine() {
        TemplateException e = failure("a\nb\n{% for v in vlans %}\n{{ v }}", Map.of());
        assertTrue(e.getMessage().startsWith("jinja2 template error: line 3"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ ''.getClass() }}", "{{ name.class }}", "{{ name.getClass().forName('java.lang.Runtime') }}",
            "{{ vlans.getClass().getClassLoader() }}", "{{ ''.class.forName('java.lang.System').exit(1) }}"})
    void javaClassesAreOutOfReach(String template) {
        String output;
        try {
            output = render(template, Map.of());
        } catch (TemplateException refused) {
            return;
        }
        assertFalse(output.contains("class") || output.contains("java"), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{% include '/etc/passwd' %}", "{% import 'macros.j2' as m %}",
            "{% from 'macros.j2' import m %}", "{% extends 'base.j2' %}", "{% include 'file:///etc/hostname' %}"})
    void otherTemplatesAndFilesCannotBeLoaded(String template) {
        TemplateException e = failure(template, Map.of());
        assertTrue(e.getMessage().contains("cannot load other templates"), e.getMessage());
    }
}
