package jollama.engine.template;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One case per construct (whitespace control, literals, operators, access, string methods,
 * filters, tests, loops, set / namespace / macro), from template/jinja-cases.json: the expected
 * outputs were worked out by hand from Jinja's and Python's rules and then confirmed, case by
 * case, against jinja2 3.1 configured as transformers configures it (trim_blocks,
 * lstrip_blocks, loopcontrols, json.dumps as tojson).
 */
class JinjaSemanticsTemplateTest {

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = JinjaSemanticsTemplateTest.class.getResourceAsStream("/template/jinja-cases.json")) {
            List<Map<String, Object>> cases = new ObjectMapper().readValue(in, new TypeReference<>() { });
            return cases.stream().map(c -> Arguments.of(c.get("name"), c.get("template"), c.get("context"),
                    c.get("expected")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersLikeJinja(String name, String template, Map<String, Object> context, String expected) {
        assertEquals(expected, ChatTemplate.compile(template).render(context));
    }
}
