package jollama.engine.gotemplate;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ollama's json function is Go's json.Marshal: compact, HTML-safe, sorted map keys. */
class GoJsonTest {

    private static String json(Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("V", value);
        return GoTemplate.parse("", "{{ json .V }}", OllamaFunctions.withBuiltins(Clock.systemUTC()))
                .execute(data);
    }

    @Test
    void stringsAreEscapedHtmlSafe() {
        assertEquals("\"\\u003ca \\u0026 b\\u003e\\n\\\"q\\\" \\\\ \\t\\u2028\"", json("<a & b>\n\"q\" \\ \t\u2028"));
        assertEquals("\"\\u0001\\b\\f\u007f é 😀\"", json("\u0001\b\f\u007f é 😀"));
    }

    @Test
    void mapsSortKeysAndNestCompactly() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", Arrays.asList(true, null));
        m.put("m", Map.of());
        assertEquals("{\"a\":[true,null],\"m\":{},\"z\":1}", json(m));
        assertEquals("[]", json(List.of()));
        assertEquals("null", json(null));
    }

    @Test
    void floatsAsGoWritesThem() {
        assertEquals("1e+21", json(1e21));
        assertEquals("100000000000000000000", json(1e20));
        assertEquals("1e-7", json(1e-7));
        assertEquals("0.000001", json(0.000001));
        assertEquals("123456789", json(123456789.0));
        assertEquals("1.5", json(1.5));
        assertEquals("-0", json(-0.0));
        assertEquals("", json(Double.NaN), "Go cannot encode NaN; Ollama's json then returns \"\"");
    }

    @Test
    void structsUseJsonNamesAndOmitEmpty() {
        StructType t = new StructType(GoType.plain("main.T"), List.of(
                StructType.Field.json("Name", "name"), StructType.Field.omitEmpty("Note", "note"),
                StructType.Field.omitEmpty("Tags", "tags"), StructType.Field.untagged("Count")), Map.of());
        assertEquals("{\"name\":\"x\",\"Count\":0}", json(t.of("x", "", GoSlice.nil(GoType.STRING_SLICE), 0L)));
        assertEquals("{\"name\":\"x\",\"note\":\"n\",\"tags\":[\"a\"],\"Count\":2}",
                json(t.of("x", "n", new GoSlice(GoType.STRING_SLICE, List.of("a")), 2L)));
        assertEquals("\"aGk=\"", json(new GoBytes(GoType.plain("[]uint8"), "hi".getBytes())));
    }
}
