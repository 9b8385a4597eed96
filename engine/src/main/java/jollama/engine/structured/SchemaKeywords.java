package jollama.engine.structured;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Set;

/** Which JSON Schema keywords constrain values, which only annotate, and which jollama cannot enforce. */
final class SchemaKeywords {

    /** Keywords that say nothing about which values are valid. */
    static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "$anchor", "$vocabulary",
            "$defs", "definitions", "title", "description", "default", "examples", "example", "deprecated",
            "readOnly", "writeOnly", "contentMediaType", "contentEncoding", "contentSchema", "nullable");

    /** Validation keywords that cannot be turned into an automaton here (or not cheaply). */
    static final Set<String> UNSUPPORTED = Set.of("not", "if", "then", "else", "patternProperties",
            "propertyNames", "minProperties", "maxProperties", "dependentRequired", "dependentSchemas",
            "dependencies", "contains", "minContains", "maxContains", "unevaluatedProperties",
            "unevaluatedItems", "$dynamicRef", "$recursiveRef", "multipleOf", "pattern");

    static final Set<String> OBJECT = Set.of("properties", "required", "additionalProperties");
    static final Set<String> ARRAY = Set.of("items", "prefixItems", "additionalItems", "minItems", "maxItems",
            "uniqueItems");
    static final Set<String> STRING = Set.of("minLength", "maxLength", "format");
    static final Set<String> NUMBER = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");

    private SchemaKeywords() {
    }

    /** Throws for the first keyword of {@code schema} that cannot be enforced. */
    static void checkSupported(JsonNode schema, String path) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (UNSUPPORTED.contains(k)) {
                throw new UnsupportedSchemaException("unsupported JSON Schema keyword '" + k + "' at " + path);
            }
            if (k.equals("uniqueItems") && schema.get(k).asBoolean(false)) {
                throw new UnsupportedSchemaException("unsupported JSON Schema keyword 'uniqueItems' (true) at " + path);
            }
        }
    }

    /** Whether the schema has keywords besides annotations and those in {@code except}. */
    static boolean constrainsBeyond(JsonNode schema, Set<String> except) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ANNOTATIONS.contains(k) && !except.contains(k)) {
                return true;
            }
        }
        return false;
    }
}
