package jollama.engine.structured;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static jollama.engine.structured.Documents.json;
import static jollama.engine.structured.Documents.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What cannot be honoured fails at compile time, with a message naming the feature. */
class UnsupportedSchemaTest {

    private static void refused(String schemaJson, String... fragments) {
        UnsupportedSchemaException e = assertThrows(UnsupportedSchemaException.class, () -> schema(schemaJson),
                schemaJson);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' should mention '" + f + "'");
        }
    }

    @Test
    void unsupportedKeywordsAreNamed() {
        refused("{\"type\":\"string\",\"pattern\":\"^a+$\"}", "'pattern'", "#");
        refused("{\"properties\":{\"a\":{\"not\":{\"type\":\"string\"}}}}", "'not'", "#/properties/a");
        refused("{\"if\":{},\"then\":{}}", "'if'");
        refused("{\"patternProperties\":{\"^x\":{}}}", "'patternProperties'");
        refused("{\"type\":\"object\",\"minProperties\":1}", "'minProperties'");
        refused("{\"type\":\"array\",\"uniqueItems\":true}", "'uniqueItems'");
        refused("{\"type\":\"integer\",\"multipleOf\":3}", "'multipleOf'");
        refused("{\"$ref\":\"https://example.com/schema.json\"}", "$ref", "only references within the schema");
        refused("{\"$ref\":\"#/$defs/missing\"}", "points to nothing");
        refused("{\"type\":\"frog\"}", "unknown type 'frog'");
        refused("{\"anyOf\":[{}],\"oneOf\":[{}]}", "'anyOf' and 'oneOf'");
        refused("{\"type\":\"string\",\"format\":\"date\",\"maxLength\":5}", "'format'", "maxLength");
        refused("{\"enum\":[\"a\",\"bb\"],\"maxLength\":1}", "'enum'");
    }

    @Test
    void unsatisfiableSchemasAreRefused() {
        refused("false", "no value satisfies");
        refused("{\"properties\":{\"a\":false},\"required\":[\"a\"]}", "no value satisfies");
        refused("{\"type\":\"string\",\"minLength\":3,\"maxLength\":2}", "'minLength' is above 'maxLength'");
        refused("{\"type\":\"integer\",\"minimum\":5,\"maximum\":4}", "no value satisfies");
        refused("{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"x\"]}", "required 'x'");
        refused("{\"type\":\"string\",\"enum\":[1,2]}", "no 'enum'/'const' value");
        refused("{\"allOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}", "nothing in common");
        refused("{\"$defs\":{\"a\":{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"#/$defs/a\"}},"
                + "\"required\":[\"x\"]}},\"$ref\":\"#/$defs/a\"}", "no finite JSON value");
    }

    @Test
    void leftRecursionIsRefused() {
        refused("{\"anyOf\":[{\"$ref\":\"#\"},{\"type\":\"null\"}]}", "left-recursive");
        refused("{\"$defs\":{\"a\":{\"anyOf\":[{\"$ref\":\"#/$defs/a\"},{\"type\":\"null\"}]}},\"$ref\":\"#/$defs/a\"}",
                "left-recursive");
    }

    @Test
    void hugeSchemasAreRefused() {
        refused("{\"type\":\"string\",\"minLength\":200000}", "too large");
    }

    @Test
    void formatValues() {
        assertTrue(JsonConstraint.forFormat(null).isEmpty());
        assertTrue(JsonConstraint.forFormat(NullNode.getInstance()).isEmpty());
        assertTrue(JsonConstraint.forFormat(TextNode.valueOf("")).isEmpty());
        assertTrue(Documents.accepts(JsonConstraint.forFormat(TextNode.valueOf("json")).orElseThrow(), "{}"));
        assertTrue(Documents.accepts(JsonConstraint.forFormat(json("{\"type\":\"integer\"}")).orElseThrow(), "7"));
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> JsonConstraint.forFormat(TextNode.valueOf("xml")));
        assertEquals("invalid format: \"\\\"xml\\\"\"; expected \"json\" or a valid JSON Schema object", e.getMessage());
        InvalidFormatException n = assertThrows(InvalidFormatException.class,
                () -> JsonConstraint.forFormat(JsonNodeFactory.instance.numberNode(5)));
        assertEquals("invalid format: \"5\"; expected \"json\" or a valid JSON Schema object", n.getMessage());
    }
}
