package jollama.engine.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intersection of two schemas as one schema, keyword by keyword: how {@code allOf}, a
 * {@code $ref} with sibling keywords, and {@code anyOf} alternatives with shared sibling keywords
 * are compiled. Where two keywords cannot be combined exactly the merge refuses, naming the keyword,
 * rather than guess.
 */
final class SchemaMerge {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaMerge() {
    }

    static ObjectNode merge(ObjectNode a, ObjectNode b, String path) {
        checkAdditional(a, b, path);
        checkAdditional(b, a, path);
        ObjectNode out = a.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode vb = e.getValue();
            JsonNode va = out.get(k);
            if (va == null) {
                if (!k.equals("$defs") && !k.equals("definitions")) {
                    out.set(k, vb.deepCopy());
                }
                continue;
            }
            if (va.equals(vb) || SchemaKeywords.ANNOTATIONS.contains(k)) {
                continue;
            }
            out.set(k, combine(k, va, vb, path));
        }
        return out;
    }

    private static JsonNode combine(String k, JsonNode va, JsonNode vb, String path) {
        return switch (k) {
            case "type" -> types(va, vb, path);
            case "required" -> union(va, vb);
            case "properties" -> properties(va, vb);
            case "enum" -> intersection(va, vb, path);
            case "minLength", "minItems", "minimum" -> bound(va, vb, path, k, true);
            case "maxLength", "maxItems", "maximum" -> bound(va, vb, path, k, false);
            case "exclusiveMinimum" -> bound(va, vb, path, k, true);
            case "exclusiveMaximum" -> bound(va, vb, path, k, false);
            case "items" -> {
                if (va.isArray() || vb.isArray()) {
                    throw conflict(k, path);
                }
                yield both(va, vb);
            }
            case "additionalProperties" -> va.isBoolean() && !va.asBoolean() || vb.isBoolean() && !vb.asBoolean()
                    ? NODES.booleanNode(false) : both(va, vb);
            case "allOf" -> ((ArrayNode) va.deepCopy()).addAll((ArrayNode) vb);
            default -> throw conflict(k, path);
        };
    }

    /**
     * A schema whose additionalProperties is set forbids (or constrains) the properties it does not
     * declare itself; merging it with a schema that declares others would change that meaning.
     */
    private static void checkAdditional(ObjectNode a, ObjectNode b, String path) {
        JsonNode additional = a.get("additionalProperties");
        if (additional == null || (additional.isBoolean() && additional.asBoolean()) || !b.has("properties")) {
            return;
        }
        JsonNode declared = a.path("properties");
        for (Iterator<String> it = b.get("properties").fieldNames(); it.hasNext(); ) {
            if (!declared.has(it.next())) {
                throw new UnsupportedSchemaException("unsupported combination at " + path
                        + ": 'additionalProperties' of one part applies to 'properties' of another (allOf)");
            }
        }
    }

    private static UnsupportedSchemaException conflict(String k, String path) {
        return new UnsupportedSchemaException("unsupported combination at " + path + ": two parts set '" + k
                + "' differently (allOf, $ref with siblings, or anyOf/oneOf with siblings)");
    }

    private static JsonNode both(JsonNode a, JsonNode b) {
        ObjectNode o = NODES.objectNode();
        o.putArray("allOf").add(a.deepCopy()).add(b.deepCopy());
        return o;
    }

    private static JsonNode types(JsonNode a, JsonNode b, String path) {
        Set<String> ta = typeSet(a);
        Set<String> tb = typeSet(b);
        List<String> common = new ArrayList<>();
        for (String t : ta) {
            if (tb.contains(t)) {
                common.add(t);
            } else if (t.equals("integer") && tb.contains("number")) {
                common.add("integer");
            } else if (t.equals("number") && tb.contains("integer")) {
                common.add("integer");
            }
        }
        if (common.isEmpty()) {
            throw new UnsupportedSchemaException("no value satisfies the schema at " + path + ": types " + ta
                    + " and " + tb + " have nothing in common");
        }
        ArrayNode out = NODES.arrayNode();
        new LinkedHashSet<>(common).forEach(out::add);
        return out;
    }

    static Set<String> typeSet(JsonNode type) {
        Set<String> out = new LinkedHashSet<>();
        if (type.isArray()) {
            type.forEach(t -> out.add(t.asText()));
        } else {
            out.add(type.asText());
        }
        return out;
    }

    private static JsonNode union(JsonNode a, JsonNode b) {
        Set<String> names = new LinkedHashSet<>();
        a.forEach(n -> names.add(n.asText()));
        b.forEach(n -> names.add(n.asText()));
        ArrayNode out = NODES.arrayNode();
        names.forEach(out::add);
        return out;
    }

    private static JsonNode properties(JsonNode a, JsonNode b) {
        ObjectNode out = (ObjectNode) a.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = out.get(e.getKey());
            out.set(e.getKey(), existing == null || existing.equals(e.getValue())
                    ? e.getValue().deepCopy() : both(existing, e.getValue()));
        }
        return out;
    }

    private static JsonNode intersection(JsonNode a, JsonNode b, String path) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode v : a) {
            for (JsonNode w : b) {
                if (v.equals(w)) {
                    out.add(v);
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            throw new UnsupportedSchemaException("no value satisfies the schema at " + path
                    + ": the 'enum' lists have no value in common");
        }
        return out;
    }

    private static JsonNode bound(JsonNode a, JsonNode b, String path, String k, boolean lower) {
        if (!a.isNumber() || !b.isNumber()) {
            throw conflict(k, path);
        }
        boolean aWins = lower ? a.decimalValue().compareTo(b.decimalValue()) >= 0
                : a.decimalValue().compareTo(b.decimalValue()) <= 0;
        return aWins ? a : b;
    }
}
