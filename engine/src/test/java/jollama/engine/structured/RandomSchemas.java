package jollama.engine.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random schemas within the supported subset: nested objects (tricky property names,
 * required subsets, every additionalProperties form), arrays (bounds, tuples), strings (lengths,
 * formats, enums with escapes and non-ASCII), bounded integers and numbers, enums and consts of
 * any JSON, anyOf, oneOf of disjoint types, type lists, allOf, and $refs (recursive ones too).
 */
final class RandomSchemas {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final String[] NAMES = {"name", "id", "value", "tags", "a b", "ключ", "na\"me", "x_1",
            "emoji😀", "back\\slash", "nested", "count", "ok", "データ", "", "t"};
    private static final String[] FORMATS = {"date", "time", "date-time", "uuid", "email", "hostname"};
    private static final String[] STRINGS = {"a\"b", "ü", "日本語", "line\nbreak", "tab\t", "x", "", "😀",
            "back\\slash", "plain text"};

    private final SplittableRandom random;
    private ObjectNode defs;
    private int defCount;

    RandomSchemas(long seed) {
        random = new SplittableRandom(seed);
    }

    /** A root schema: mostly an object, as format schemas usually are. */
    JsonNode next() {
        defs = N.objectNode();
        defCount = 0;
        JsonNode root = random.nextInt(10) < 7 ? object(0) : schema(0);
        if (!defs.isEmpty()) {
            ObjectNode wrapped = root.isObject() ? (ObjectNode) root : wrap(root);
            wrapped.set("$defs", defs);
            return wrapped;
        }
        return root;
    }

    private ObjectNode wrap(JsonNode schema) {
        ObjectNode o = N.objectNode();
        o.putArray("allOf").add(schema);
        return o;
    }

    private JsonNode schema(int depth) {
        int kinds = depth >= 3 ? 7 : 16;
        return switch (random.nextInt(kinds)) {
            case 0 -> string();
            case 1 -> integer();
            case 2 -> number();
            case 3 -> type("boolean");
            case 4 -> type("null");
            case 5 -> enumeration();
            case 6 -> random.nextBoolean() ? BooleanNode.TRUE : N.objectNode();
            case 7, 8 -> object(depth + 1);
            case 9, 10 -> array(depth + 1);
            case 11 -> anyOf(depth + 1);
            case 12 -> oneOf(depth + 1);
            case 13 -> typeList();
            case 14 -> ref(depth + 1);
            default -> allOf(depth + 1);
        };
    }

    private ObjectNode type(String t) {
        ObjectNode o = N.objectNode();
        o.put("type", t);
        return o;
    }

    private JsonNode string() {
        ObjectNode o = type("string");
        switch (random.nextInt(5)) {
            case 0 -> {
                int min = random.nextInt(4);
                o.put("minLength", min);
                o.put("maxLength", min + random.nextInt(8));
            }
            case 1 -> o.put("format", FORMATS[random.nextInt(FORMATS.length)]);
            case 2 -> {
                ArrayNode e = o.putArray("enum");
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    e.add(STRINGS[random.nextInt(STRINGS.length)]);
                }
            }
            case 3 -> o.put("minLength", 1 + random.nextInt(3));
            default -> o.put("description", "free text");
        }
        return o;
    }

    private JsonNode integer() {
        ObjectNode o = type("integer");
        if (random.nextBoolean()) {
            int lo = random.nextInt(-100, 100);
            o.put(random.nextBoolean() ? "minimum" : "exclusiveMinimum", lo);
            if (random.nextBoolean()) {
                o.put(random.nextBoolean() ? "maximum" : "exclusiveMaximum", lo + 2 + random.nextInt(2000));
            }
        }
        return o;
    }

    private JsonNode number() {
        ObjectNode o = type("number");
        if (random.nextBoolean()) {
            double lo = random.nextInt(-1000, 1000) / 4.0;
            o.put("minimum", lo);
            if (random.nextBoolean()) {
                o.put(random.nextBoolean() ? "maximum" : "exclusiveMaximum", lo + 3 + random.nextInt(400) / 8.0);
            }
        }
        return o;
    }

    private JsonNode enumeration() {
        ObjectNode o = N.objectNode();
        List<JsonNode> pool = new ArrayList<>(List.of(N.numberNode(1), N.textNode("x\"y"), N.nullNode(),
                N.booleanNode(true), N.numberNode(2.5), N.numberNode(-7), N.textNode("é"),
                N.objectNode().put("a", 1), N.arrayNode().add(1).add("two")));
        if (random.nextInt(4) == 0) {
            o.set("const", pool.get(random.nextInt(pool.size())));
            return o;
        }
        ArrayNode e = o.putArray("enum");
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            e.add(pool.remove(random.nextInt(pool.size())));
        }
        return o;
    }

    private JsonNode object(int depth) {
        ObjectNode o = type("object");
        ObjectNode props = o.putObject("properties");
        ArrayNode required = N.arrayNode();
        List<String> names = new ArrayList<>(List.of(NAMES));
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            String name = names.remove(random.nextInt(names.size()));
            props.set(name, schema(depth + 1));
            if (random.nextBoolean()) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            o.set("required", required);
        }
        switch (random.nextInt(10)) {
            case 0, 1 -> o.put("additionalProperties", false);
            case 2 -> o.put("additionalProperties", true);
            case 3 -> o.set("additionalProperties", depth >= 3 ? type("integer") : schema(depth + 1));
            default -> { }
        }
        return o;
    }

    private JsonNode array(int depth) {
        ObjectNode o = type("array");
        if (random.nextInt(4) == 0) {
            ArrayNode prefix = o.putArray("prefixItems");
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                prefix.add(schema(depth + 1));
            }
            if (random.nextBoolean()) {
                o.put("items", false);
            } else {
                o.set("items", schema(depth + 1));
            }
            return o;
        }
        o.set("items", schema(depth + 1));
        if (random.nextBoolean()) {
            int min = random.nextInt(3);
            o.put("minItems", min);
            o.put("maxItems", min + random.nextInt(4));
        }
        return o;
    }

    private JsonNode anyOf(int depth) {
        ObjectNode o = N.objectNode();
        ArrayNode options = o.putArray("anyOf");
        for (int i = 0; i < 2 + random.nextInt(2); i++) {
            options.add(schema(depth + 1));
        }
        return o;
    }

    /** Branches of different types, so that a value matches exactly one. */
    private JsonNode oneOf(int depth) {
        ObjectNode o = N.objectNode();
        ArrayNode options = o.putArray("oneOf");
        List<String> types = new ArrayList<>(List.of("string", "integer", "boolean", "null", "object", "array"));
        for (int i = 0; i < 2 + random.nextInt(2); i++) {
            String t = types.remove(random.nextInt(types.size()));
            options.add(switch (t) {
                case "string" -> string();
                case "integer" -> integer();
                case "object" -> depth >= 3 ? type("object") : object(depth + 1);
                case "array" -> depth >= 3 ? type("array") : array(depth + 1);
                default -> type(t);
            });
        }
        return o;
    }

    private JsonNode typeList() {
        ObjectNode o = N.objectNode();
        ArrayNode t = o.putArray("type");
        if (random.nextBoolean()) {
            t.add("string").add("null");
            o.put("maxLength", 1 + random.nextInt(5));
        } else {
            t.add("integer").add("boolean");
            o.put("minimum", 0);
        }
        return o;
    }

    private JsonNode ref(int depth) {
        String name = "d" + defCount++;
        if (random.nextInt(3) == 0) {
            // A recursive tree: finite because children may be empty.
            ObjectNode node = type("object");
            ObjectNode props = node.putObject("properties");
            props.set("value", integer());
            ObjectNode children = props.putObject("children");
            children.put("type", "array");
            children.putObject("items").put("$ref", "#/$defs/" + name);
            node.putArray("required").add("value");
            defs.set(name, node);
        } else {
            defs.set(name, schema(depth + 1));
        }
        ObjectNode o = N.objectNode();
        o.put("$ref", "#/$defs/" + name);
        return o;
    }

    private JsonNode allOf(int depth) {
        ObjectNode o = N.objectNode();
        ArrayNode parts = o.putArray("allOf");
        ObjectNode a = type("object");
        a.putObject("properties").set("first", schema(depth + 1));
        a.putArray("required").add("first");
        ObjectNode b = N.objectNode();
        b.putObject("properties").set("second", schema(depth + 1));
        if (random.nextBoolean()) {
            b.putArray("required").add("second");
        }
        parts.add(a).add(b);
        return o;
    }
}
