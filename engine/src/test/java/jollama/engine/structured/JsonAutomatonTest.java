package jollama.engine.structured;

import org.junit.jupiter.api.Test;

import static jollama.engine.structured.Documents.accepts;
import static jollama.engine.structured.Documents.acceptsBytes;
import static jollama.engine.structured.Documents.acceptsTokens;
import static jollama.engine.structured.Documents.schema;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the compiled automata accept and reject, on byte strings and on real token sequences. */
class JsonAutomatonTest {

    private static final JsonConstraint JSON = JsonConstraint.json();

    @Test
    void jsonModeAcceptsObjects() {
        for (String doc : new String[] {"{}", "{ }", "{\"a\":1}", "{\"a\": [1, 2.5e-3, -0, 1E+10, true, false, null, \"x\"],"
                + " \"b\": {\"c\": {}}}", "{\n  \"a\": {\n    \"b\": [\n      1\n    ]\n  }\n}",
                "{\"k\":\"\\u00e9\\n\\\"\\\\\\/\\b\\f\\r\\t\"}", "{\"日本\":\"😀 ü\"}", "{\"\":\"\"}",
                "{\"n\":-0.5e-07}", "{\"n\":9999999999999999}"}) {
            assertTrue(accepts(JSON, doc), doc);
            assertTrue(acceptsTokens(JSON, doc), doc);
        }
    }

    @Test
    void jsonModeRejectsInvalidText() {
        for (String doc : new String[] {"[]", "\"x\"", "1", "{\"a\":01}", "{\"a\":1,}", "{a:1}", " {}", "{} ", "{}\n",
                "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":tru}", "{\"a\":True}",
                "{\"a\":\"\u0001\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
                "{\"a\":[1 2]}", "{\"a\" 1}", "{\"a\":1}}", "{\n\n}", "{\n" + " ".repeat(21) + "\"a\":1}",
                "{\"n\":12345678901234567}", "{\"a\":NaN}", "{'a':1}", "{\"a\":1,,\"b\":2}"}) {
            assertFalse(accepts(JSON, doc), doc);
        }
        assertTrue(accepts(JSON, "{\n" + " ".repeat(20) + "\"a\":1}"));
    }

    @Test
    void stringsMustBeWellFormedUtf8() {
        byte[][] bad = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80},
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC3}};
        for (byte[] b : bad) {
            byte[] doc = new byte[b.length + 8];
            System.arraycopy("{\"a\":\"".getBytes(), 0, doc, 0, 6);
            System.arraycopy(b, 0, doc, 6, b.length);
            doc[6 + b.length] = '"';
            doc[7 + b.length] = '}';
            assertFalse(acceptsBytes(JSON, doc), () -> java.util.HexFormat.of().formatHex(b));
        }
        assertTrue(accepts(JSON, "{\"a\":\"\u00ff\u0800\uffff\ud83d\ude00\"}"));
    }

    @Test
    void tokensSpanningStructure() {
        JsonConstraint list = schema("""
                {"type":"array","items":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}}""");
        for (String doc : new String[] {"[{\"a\":\"x\"},{\"a\":\"y\"}]", "[{\"a\":\"\"}]", "[]",
                "[{\"a\": \"x\\\"},{\\\"\"}]", "[\n  {\"a\": \"1\"},\n  {\"a\": \"2\"}\n]"}) {
            assertTrue(acceptsTokens(list, doc), doc);
        }
        assertFalse(acceptsTokens(list, "[{\"a\":\"x\"},{\"b\":\"y\"}]"));
        assertFalse(acceptsTokens(list, "[{\"a\":\"x\"}],"));
    }

    @Test
    void requiredPropertiesComeFirstInSchemaOrderThenOptionalOnesInOrder() {
        JsonConstraint c = schema("""
                {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"},"c":{"type":"string"},
                 "d":{"type":"boolean"}},"required":["c","a"]}""");
        assertTrue(acceptsTokens(c, "{\"a\":1,\"c\":\"x\"}"));
        assertTrue(acceptsTokens(c, "{\"a\": 1, \"c\": \"x\", \"b\": 2, \"d\": true}"));
        assertTrue(acceptsTokens(c, "{\"a\":1,\"c\":\"x\",\"d\":false}"));
        assertFalse(accepts(c, "{\"c\":\"x\",\"a\":1}"));
        assertFalse(accepts(c, "{\"a\":1}"));
        assertFalse(accepts(c, "{\"a\":1,\"c\":\"x\",\"d\":true,\"b\":2}"));
        assertFalse(accepts(c, "{\"a\":1,\"c\":\"x\",\"b\":2,\"b\":2}"));
        assertFalse(accepts(c, "{\"a\":\"1\",\"c\":\"x\"}"));
    }

    @Test
    void optionalOnlyObjectsPlaceCommasRight() {
        JsonConstraint c = schema("""
                {"properties":{"a":{"type":"integer"},"b":{"type":"integer"}}}""");
        for (String ok : new String[] {"{}", "{\"a\":1}", "{\"b\":2}", "{\"a\":1,\"b\":2}"}) {
            assertTrue(accepts(c, ok), ok);
        }
        for (String bad : new String[] {"{,\"b\":2}", "{\"a\":1,}", "{\"a\":1\"b\":2}", "{\"b\":2,\"a\":1}"}) {
            assertFalse(accepts(c, bad), bad);
        }
    }

    @Test
    void extraPropertiesOnlyWhereAllowed() {
        assertFalse(accepts(schema("{\"properties\":{\"a\":{}}}"), "{\"a\":1,\"b\":2}"),
                "properties without additionalProperties: no extra keys (documented policy)");
        JsonConstraint open = schema("{\"properties\":{\"a\":{\"type\":\"integer\"}},\"additionalProperties\":true}");
        assertTrue(accepts(open, "{\"a\":1,\"zz\":[1,{}],\"ab\":null}"));
        assertTrue(accepts(open, "{\"aa\":\"x\"}"));
        assertFalse(accepts(open, "{\"a\":1,\"a\":\"x\"}"), "a declared name is not an extra key");
        assertFalse(accepts(open, "{\"b\":1,\"a\":\"x\"}"));
        JsonConstraint typed = schema("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
        assertTrue(accepts(typed, "{\"x\":1,\"y\":-2}"));
        assertFalse(accepts(typed, "{\"x\":\"1\"}"));
        assertTrue(accepts(schema("{\"type\":\"object\"}"), "{\"x\":{\"y\":[]}}"));
        assertFalse(accepts(schema("{\"type\":\"object\",\"additionalProperties\":false}"), "{\"x\":1}"));
    }

    @Test
    void enumsAndConsts() {
        JsonConstraint c = schema("{\"enum\":[\"red\",\"gr\\\"een\",42,null,{\"a\":[1]}]}");
        for (String ok : new String[] {"\"red\"", "\"gr\\\"een\"", "42", "null", "{\"a\":[1]}"}) {
            assertTrue(accepts(c, ok), ok);
        }
        for (String bad : new String[] {"\"blue\"", "\"re\"", "42.0", "{\"a\":[2]}"}) {
            assertFalse(accepts(c, bad), bad);
        }
        assertTrue(accepts(schema("{\"const\":\"日本\"}"), "\"日本\""));
        assertFalse(accepts(schema("{\"type\":\"string\",\"enum\":[\"a\",1]}"), "1"));
    }

    @Test
    void integerBounds() {
        JsonConstraint c = schema("{\"type\":\"integer\",\"minimum\":-5,\"maximum\":120}");
        for (int i = -5; i <= 120; i++) {
            assertTrue(accepts(c, Integer.toString(i)), Integer.toString(i));
        }
        for (String bad : new String[] {"-6", "121", "1000", "-10", "130", "01", "1.5"}) {
            assertFalse(accepts(c, bad), bad);
        }
        JsonConstraint exclusive = schema("{\"type\":\"integer\",\"exclusiveMinimum\":9,\"exclusiveMaximum\":1001}");
        assertTrue(accepts(exclusive, "10") && accepts(exclusive, "1000") && accepts(exclusive, "555"));
        assertFalse(accepts(exclusive, "9") || accepts(exclusive, "1001") || accepts(exclusive, "-10"));
        JsonConstraint draft4 = schema("{\"type\":\"integer\",\"minimum\":0,\"exclusiveMinimum\":true}");
        assertFalse(accepts(draft4, "0"));
        assertTrue(accepts(draft4, "1"));
    }

    @Test
    void numberBounds() {
        JsonConstraint c = schema("{\"type\":\"number\",\"minimum\":0.5,\"maximum\":10}");
        for (String ok : new String[] {"1", "1.25", "9.999", "10", "5"}) {
            assertTrue(accepts(c, ok), ok);
        }
        for (String bad : new String[] {"10.5", "0.25", "0", "-1", "1e1", "11"}) {
            assertFalse(accepts(c, bad), bad);
        }
        JsonConstraint negative = schema("{\"type\":\"number\",\"minimum\":-3,\"maximum\":0}");
        for (String ok : new String[] {"-3", "-2.5", "-1", "-0.001", "0"}) {
            assertTrue(accepts(negative, ok), ok);
        }
        for (String bad : new String[] {"-3.5", "0.5", "-4", "1"}) {
            assertFalse(accepts(negative, bad), bad);
        }
        JsonConstraint exclusive = schema("{\"type\":\"number\",\"exclusiveMinimum\":-1,\"exclusiveMaximum\":1}");
        for (String bad : new String[] {"1", "-1", "-0.0", "0.0", "1.5", "-1.5"}) {
            assertFalse(accepts(exclusive, bad), bad);
        }
        assertTrue(accepts(exclusive, "0"));
    }

    @Test
    void stringLengthsCountCodePoints() {
        JsonConstraint c = schema("{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}");
        for (String ok : new String[] {"\"ab\"", "\"abc\"", "\"日本\"", "\"\\n1\"", "\"😀😀😀\"", "\"\\u00e9x\""}) {
            assertTrue(accepts(c, ok), ok);
        }
        for (String bad : new String[] {"\"a\"", "\"abcd\"", "\"\"", "\"日本語x\"", "\"\\ud83d\\ude00\""}) {
            assertFalse(accepts(c, bad), bad);
        }
    }

    @Test
    void formats() {
        JsonConstraint date = schema("{\"type\":\"string\",\"format\":\"date\"}");
        for (String ok : new String[] {"2024-02-29", "2000-02-29", "2023-12-31", "0001-01-01", "1999-04-30"}) {
            assertTrue(accepts(date, "\"" + ok + "\""), ok);
        }
        for (String bad : new String[] {"2023-02-29", "1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10",
                "2023-01-00", "23-01-01", "2023-1-01"}) {
            assertFalse(accepts(date, "\"" + bad + "\""), bad);
        }
        JsonConstraint time = schema("{\"type\":\"string\",\"format\":\"time\"}");
        for (String ok : new String[] {"23:59:59Z", "00:00:00.123+05:30", "12:00:00-18:00"}) {
            assertTrue(accepts(time, "\"" + ok + "\""), ok);
        }
        for (String bad : new String[] {"24:00:00Z", "12:60:00Z", "12:00:00", "12:00:00+19:00", "12:00Z"}) {
            assertFalse(accepts(time, "\"" + bad + "\""), bad);
        }
        assertTrue(accepts(schema("{\"format\":\"date-time\"}"), "\"2024-05-01T10:20:30.5Z\""));
        assertFalse(accepts(schema("{\"format\":\"date-time\"}"), "\"2024-05-01 10:20:30Z\""));
        JsonConstraint uuid = schema("{\"type\":\"string\",\"format\":\"uuid\"}");
        assertTrue(accepts(uuid, "\"123e4567-e89b-12d3-A456-426614174000\""));
        assertFalse(accepts(uuid, "\"123e4567e89b12d3a456426614174000\""));
        JsonConstraint email = schema("{\"type\":\"string\",\"format\":\"email\"}");
        for (String ok : new String[] {"a@b.cd", "first.last+tag@sub.example-host.org", "x_y@a1.b2"}) {
            assertTrue(accepts(email, "\"" + ok + "\""), ok);
        }
        for (String bad : new String[] {"a@b", "@b.c", "a.@b.c", "a@-b.c", "a@b-.c", "a b@c.d", "a@@b.c"}) {
            assertFalse(accepts(email, "\"" + bad + "\""), bad);
        }
        assertTrue(accepts(schema("{\"type\":\"string\",\"format\":\"hostname\"}"), "\"any text\""),
                "formats jollama does not enforce are annotations");
    }

    @Test
    void arrays() {
        JsonConstraint bounded = schema("{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":1,\"maxItems\":2}");
        assertTrue(accepts(bounded, "[1]") && accepts(bounded, "[1, 2]"));
        assertFalse(accepts(bounded, "[]") || accepts(bounded, "[1,2,3]") || accepts(bounded, "[\"1\"]"));
        JsonConstraint tuple = schema("{\"prefixItems\":[{\"type\":\"string\"},{\"type\":\"integer\"}],\"items\":false}");
        assertTrue(accepts(tuple, "[\"a\", 1]"));
        assertFalse(accepts(tuple, "[\"a\", 1, 2]") || accepts(tuple, "[1, \"a\"]"));
        JsonConstraint rest = schema("{\"prefixItems\":[{\"type\":\"null\"}],\"items\":{\"type\":\"boolean\"}}");
        assertTrue(accepts(rest, "[null]") && accepts(rest, "[null,true,false]"));
        assertFalse(accepts(rest, "[null,1]"));
        JsonConstraint any = schema("{\"type\":\"array\"}");
        assertTrue(accepts(any, "[1,\"a\",[{}],null]") && accepts(any, "[]"));
    }

    @Test
    void alternativesTypeListsAndReferences() {
        JsonConstraint anyOf = schema("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\",\"minimum\":3}]}");
        assertTrue(accepts(anyOf, "\"x\"") && accepts(anyOf, "5"));
        assertFalse(accepts(anyOf, "2") || accepts(anyOf, "true"));
        JsonConstraint nullable = schema("{\"type\":[\"string\",\"null\"],\"maxLength\":2}");
        assertTrue(accepts(nullable, "null") && accepts(nullable, "\"ab\""));
        assertFalse(accepts(nullable, "\"abc\""));
        JsonConstraint tree = schema("""
                {"$defs":{"node":{"type":"object","properties":{"v":{"type":"integer"},
                 "kids":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["v"]}},"$ref":"#/$defs/node"}""");
        assertTrue(acceptsTokens(tree, "{\"v\":1,\"kids\":[{\"v\":2},{\"v\":3,\"kids\":[{\"v\":4,\"kids\":[]}]}]}"));
        assertFalse(accepts(tree, "{\"v\":1,\"kids\":[{\"kids\":[]}]}"));
        JsonConstraint definitions = schema("""
                {"definitions":{"a b":{"type":"boolean"}},"properties":{"x":{"$ref":"#/definitions/a%20b"}},"required":["x"]}""");
        assertTrue(accepts(definitions, "{\"x\":true}"));
        JsonConstraint allOf = schema("""
                {"allOf":[{"$ref":"#/$defs/base"},{"properties":{"b":{"type":"string"}},"required":["b"]}],
                 "$defs":{"base":{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}}}""");
        assertTrue(accepts(allOf, "{\"a\":1,\"b\":\"x\"}"));
        assertFalse(accepts(allOf, "{\"a\":1}") || accepts(allOf, "{\"b\":\"x\"}"));
        JsonConstraint shared = schema("""
                {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},
                 "anyOf":[{"required":["a"]},{"required":["b"]}]}""");
        assertTrue(accepts(shared, "{\"a\":1}") && accepts(shared, "{\"b\":1}"));
        assertFalse(accepts(shared, "{}"));
    }

    @Test
    void anySchemaAllowsAnyValue() {
        for (String schema : new String[] {"{}", "true", "{\"description\":\"x\"}"}) {
            JsonConstraint c = schema(schema);
            for (String doc : new String[] {"1", "\"s\"", "[1,{}]", "{\"a\":null}", "null", "false"}) {
                assertTrue(accepts(c, doc), schema + " " + doc);
            }
        }
    }
}
