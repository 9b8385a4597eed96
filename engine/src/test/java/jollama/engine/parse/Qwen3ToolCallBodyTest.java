package jollama.engine.parse;

import static jollama.engine.parse.ParserTestSupport.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The JSON body rules of a Qwen3 tool call: Go json.Unmarshal into {name string; arguments map}. */
class Qwen3ToolCallBodyTest {

    private static void assertParsed(String name, java.util.Map<String, Object> args, String raw) {
        Qwen3ToolCallBody.Parsed parsed = Qwen3ToolCallBody.parse(raw);
        assertEquals(name, parsed.name());
        assertEquals(args, parsed.arguments());
        assertEquals(args.toString(), parsed.arguments().toString(), "key order");
    }

    private static void assertJsonError(String raw) {
        OutputParseException e = assertThrows(OutputParseException.class, () -> Qwen3ToolCallBody.parse(raw));
        assertTrue(e.getMessage().startsWith("failed to parse JSON: "), e.getMessage());
    }

    @Test
    void otherKeysAreIgnoredAndOrderKept() {
        assertParsed("f", map("c", 1, "a", 2, "b", 3),
                "{\"id\": 9, \"arguments\": {\"c\": 1, \"a\": 2, \"b\": 3}, \"name\": \"f\", \"extra\": [{}]}");
    }

    @Test
    void missingOrNullArgumentsAreEmpty() {
        assertParsed("f", map(), "{\"name\":\"f\"}");
        assertParsed("f", map(), "{\"name\":\"f\",\"arguments\":null}");
    }

    @Test
    void keyNamesMatchIgnoringCaseAsInGo() {
        assertParsed("f", map("a", 1), "{\"Name\":\"f\",\"ARGUMENTS\":{\"a\":1}}");
    }

    @Test
    void aRepeatedArgumentsObjectIsMergedAsInGo() {
        assertParsed("f", map("a", 1, "b", 3), "{\"name\":\"f\",\"arguments\":{\"a\":1,\"b\":2},\"arguments\":{\"b\":3}}");
    }

    @Test
    void nameOfTheWrongTypeIsAJsonError() {
        assertJsonError("{\"name\":5,\"arguments\":{}}");
        assertJsonError("{\"name\":\"f\",\"arguments\":\"{}\"}");
        assertJsonError("[\"f\"]");
    }

    @Test
    void nullNameOrNullBodyIsAnEmptyName() {
        for (String raw : new String[] {"{\"name\":null,\"arguments\":{}}", "null", "{\"arguments\":{}}"}) {
            assertEquals("empty function name",
                    assertThrows(OutputParseException.class, () -> Qwen3ToolCallBody.parse(raw)).getMessage());
        }
    }

    @Test
    void syntaxErrorsAndTrailingTextAreJsonErrors() {
        assertJsonError("{\"name\":\"f\",\"arguments\":{\"content\":\"incomplete...");
        assertJsonError("{\"name\":\"f\",\"arguments\":{}} trailing");
        assertJsonError("{\"name\":\"f\",\"arguments\":{}}{}");
        assertJsonError("{'name':'f'}");
        assertJsonError("{\"name\":\"f\",\"arguments\":{\"a\":01}}");
        assertJsonError("{\"name\":\"f\",\"arguments\":{\"a\":1,}}");
        assertJsonError("invalid json");
    }

    @Test
    void aSyntaxErrorWinsOverAnEarlierTypeError() {
        OutputParseException e = assertThrows(OutputParseException.class,
                () -> Qwen3ToolCallBody.parse("{\"name\":5,\"arguments\":{\"a\":}"));
        assertTrue(e.getMessage().startsWith("failed to parse JSON: "), e.getMessage());
        assertTrue(!e.getMessage().contains("cannot unmarshal"), e.getMessage());
    }
}
