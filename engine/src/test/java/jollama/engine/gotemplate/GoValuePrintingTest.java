package jollama.engine.gotemplate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How {{ . }} prints values: Go's fmt %v, with Go's float formatting and sorted map keys. */
class GoValuePrintingTest {

    private static String print(Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("V", value);
        return GoTemplate.parse("{{ .V }}").execute(data);
    }

    @Test
    void scalars() {
        assertEquals("text", print("text"));
        assertEquals("42", print(42));
        assertEquals("true", print(true));
        assertEquals("<no value>", print(null));
    }

    @Test
    void floatsUseShortestDigitsAndGoExponents() {
        assertEquals("1e+06", print(1e6));
        assertEquals("123456", print(123456.0));
        assertEquals("1.234567e+06", print(1234567.0));
        assertEquals("0.1", print(0.1));
        assertEquals("0.0001", print(0.0001));
        assertEquals("1e-05", print(0.00001));
        assertEquals("100", print(100.0));
        assertEquals("-0", print(-0.0));
        assertEquals("3.3333333333333335", print(10.0 / 3));
        assertEquals("+Inf", print(Double.POSITIVE_INFINITY));
    }

    @Test
    void collections() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", "x");
        assertEquals("map[a:x b:1]", print(m));
        assertEquals("[1 a <nil> 2.5 true]", print(Arrays.asList(1, "a", null, 2.5, true)));
        assertEquals("[map[k:v] [1 2]]", print(List.of(Map.of("k", "v"), List.of(1, 2))));
        assertEquals("[]", print(List.of()));
        assertEquals("map[]", print(Map.of()));
    }

    @Test
    void structsPrintTheirFieldsAndStringMethodsWin() {
        StructType point = new StructType(GoType.plain("main.Point"), List.of(
                StructType.Field.untagged("X"), StructType.Field.untagged("Y"), StructType.Field.untagged("Tags")), Map.of());
        GoStruct p = point.of(1L, "", GoSlice.nil(GoType.STRING_SLICE));
        assertEquals("{1  []}", GoTemplate.parse("{{ . }}").execute(p));
        GoType named = new GoType("main.Named", v -> "named!", null);
        assertEquals("[named!]", GoTemplate.parse("{{ . }}").execute(
                new GoSlice(GoType.ANY_SLICE, List.of(new GoSlice(named, List.of())))));
    }
}
