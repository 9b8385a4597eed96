package jollama.engine.structured;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Compiles a JSON Schema into a {@link Grammar}.
 *
 * <p><b>Supported:</b> {@code type} (one or a list: object, array, string, number, integer,
 * boolean, null); {@code properties}, {@code required}, {@code additionalProperties} (false,
 * true or a schema); {@code items} (a schema, or draft-4 tuple arrays with
 * {@code additionalItems}), {@code prefixItems}, {@code minItems}, {@code maxItems};
 * {@code minLength}, {@code maxLength}; {@code format} date, time, date-time, uuid and email
 * (other formats are annotations, not enforced); {@code minimum}, {@code maximum},
 * {@code exclusiveMinimum}, {@code exclusiveMaximum} (a bounded number is written without
 * exponent, its fraction only where any fraction stays in bounds); {@code enum}, {@code const};
 * {@code anyOf} and {@code oneOf} (alternatives are not made disjoint: a value matching two
 * {@code oneOf} branches is not excluded); {@code allOf} and {@code $ref} with sibling keywords
 * (merged keyword by keyword); {@code $ref} to any {@code #/...} pointer, recursion included;
 * {@code true}/{@code false} schemas. Annotations are ignored. A schema without {@code type}
 * produces the types its keywords imply (any value when none).
 *
 * <p><b>Refused</b> with {@link UnsupportedSchemaException}: {@code pattern},
 * {@code patternProperties}, {@code not}, {@code if}, {@code minProperties},
 * {@code uniqueItems: true}, {@code multipleOf}, remote {@code $ref}s, and schemas no finite
 * value satisfies.
 *
 * <p><b>Objects</b> are written with the required properties first, in the order of
 * {@code properties} (then required names not listed there), then any of the optional ones,
 * each at most once and in that order (as llama.cpp does). When {@code properties} is given and
 * {@code additionalProperties} is not, no other property is written (as llama.cpp and Ollama do:
 * extra keys are rarely wanted); an object schema with neither allows any object. Extra keys
 * allowed by {@code additionalProperties} come last, without escapes and never one of the
 * declared names; their uniqueness is not enforced.
 */
final class SchemaCompiler {

    private static final int MAX_NFA_STATES = 500_000;
    private static final int MAX_DFA_STATES = 100_000;
    private static final int MAX_DEPTH = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final Nfa nfa = new Nfa(MAX_NFA_STATES);
    private final JsonSyntax syntax = new JsonSyntax(nfa);
    private final StringFormats formats = new StringFormats(syntax);
    private final IntegerRanges integers = new IntegerRanges(syntax);
    private final ExtraKeys extraKeys = new ExtraKeys(syntax);
    private final Map<String, Integer> rules = new HashMap<>();

    private SchemaCompiler(JsonNode root) {
        this.root = root;
    }

    static Grammar compile(JsonNode schema) {
        SchemaCompiler c = new SchemaCompiler(schema);
        int rootRule = c.nfa.newRule("root");
        c.nfa.define(rootRule, c.schema(schema, "#", 0));
        return GrammarAnalysis.pack(Determinizer.run(c.nfa, MAX_DFA_STATES), rootRule);
    }

    /** Any JSON object. */
    static Grammar jsonObject() {
        SchemaCompiler c = new SchemaCompiler(BooleanNode.TRUE);
        int object = c.objectRule();
        return GrammarAnalysis.pack(Determinizer.run(c.nfa, MAX_DFA_STATES), object);
    }

    private Fragment schema(JsonNode s, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new UnsupportedSchemaException("the schema at " + path + " nests deeper than " + MAX_DEPTH
                    + " levels (or a $ref cycle runs through allOf)");
        }
        if (s.isBoolean()) {
            if (!s.asBoolean()) {
                throw new UnsupportedSchemaException("no value satisfies the schema at " + path + " (false)");
            }
            return anyValue();
        }
        if (!s.isObject()) {
            throw new UnsupportedSchemaException("the schema at " + path + " is not an object or a boolean");
        }
        SchemaKeywords.checkSupported(s, path);
        if (s.has("allOf")) {
            return schema(mergeAllOf((ObjectNode) s, path), path, depth + 1);
        }
        if (s.has("$ref")) {
            String ref = text(s.get("$ref"), "$ref", path);
            if (!SchemaKeywords.constrainsBeyond(s, Set.of("$ref"))) {
                return syntax.call(refRule(ref));
            }
            ObjectNode rest = ((ObjectNode) s).deepCopy();
            rest.remove("$ref");
            return schema(SchemaMerge.merge(asObject(resolve(ref), ref), rest, path), path, depth + 1);
        }
        if (s.has("anyOf") || s.has("oneOf")) {
            return alternatives((ObjectNode) s, path, depth);
        }
        if (s.has("enum") || s.has("const")) {
            return literals(s, path);
        }
        Set<String> types = types(s, path);
        if (types.isEmpty()) {
            return anyValue();
        }
        List<Fragment> options = new ArrayList<>();
        for (String type : types) {
            options.add(switch (type) {
                case "object" -> object(s, path, depth);
                case "array" -> array(s, path, depth);
                case "string" -> string(s, path);
                case "integer" -> integer(s, path);
                case "number" -> number(s, path);
                case "boolean" -> syntax.alt(List.of(syntax.literal("true"), syntax.literal("false")));
                case "null" -> syntax.literal("null");
                default -> throw new UnsupportedSchemaException("unknown type '" + type + "' at " + path);
            });
        }
        return syntax.alt(options);
    }

    // ---- combinators -----------------------------------------------------------------------

    private ObjectNode mergeAllOf(ObjectNode s, String path) {
        JsonNode parts = s.get("allOf");
        if (!parts.isArray() || parts.isEmpty()) {
            throw new UnsupportedSchemaException("'allOf' at " + path + " must be a non-empty array");
        }
        ObjectNode merged = s.deepCopy();
        merged.remove("allOf");
        int i = 0;
        for (JsonNode part : parts) {
            String at = path + "/allOf/" + i++;
            if (part.isBoolean()) {
                if (!part.asBoolean()) {
                    throw new UnsupportedSchemaException("no value satisfies the schema at " + at + " (false)");
                }
                continue;
            }
            merged = SchemaMerge.merge(merged, inlineRef(asObject(part, at), at), path);
        }
        return merged;
    }

    /** A schema whose top-level $ref is replaced by the referenced schema merged with its siblings. */
    private ObjectNode inlineRef(ObjectNode s, String path) {
        for (int i = 0; s.has("$ref"); i++) {
            if (i > MAX_DEPTH) {
                throw new UnsupportedSchemaException("the $ref at " + path + " never resolves to a schema");
            }
            String ref = text(s.get("$ref"), "$ref", path);
            ObjectNode rest = s.deepCopy();
            rest.remove("$ref");
            s = SchemaMerge.merge(asObject(resolve(ref), ref), rest, path);
        }
        return s;
    }

    private Fragment alternatives(ObjectNode s, String path, int depth) {
        if (s.has("anyOf") && s.has("oneOf")) {
            throw new UnsupportedSchemaException("unsupported combination at " + path + ": both 'anyOf' and 'oneOf'");
        }
        String keyword = s.has("anyOf") ? "anyOf" : "oneOf";
        JsonNode options = s.get(keyword);
        if (!options.isArray() || options.isEmpty()) {
            throw new UnsupportedSchemaException("'" + keyword + "' at " + path + " must be a non-empty array");
        }
        ObjectNode rest = s.deepCopy();
        rest.remove(keyword);
        boolean shared = SchemaKeywords.constrainsBeyond(rest, Set.of());
        List<Fragment> out = new ArrayList<>();
        int i = 0;
        for (JsonNode option : options) {
            String at = path + "/" + keyword + "/" + i++;
            if (option.isBoolean() && !option.asBoolean()) {
                continue; // a false branch adds nothing
            }
            JsonNode effective = shared ? SchemaMerge.merge(rest, inlineRef(asObject(option, at), at), at) : option;
            out.add(schema(effective, at, depth + 1));
        }
        if (out.isEmpty()) {
            throw new UnsupportedSchemaException("no value satisfies the schema at " + path + ": every '"
                    + keyword + "' branch is false");
        }
        return syntax.alt(out);
    }

    private Fragment literals(JsonNode s, String path) {
        if (SchemaKeywords.constrainsBeyond(s, Set.of("enum", "const", "type"))) {
            throw new UnsupportedSchemaException("unsupported combination at " + path
                    + ": 'enum'/'const' together with other validation keywords");
        }
        List<JsonNode> values = new ArrayList<>();
        if (s.has("enum")) {
            if (!s.get("enum").isArray()) {
                throw new UnsupportedSchemaException("'enum' at " + path + " must be an array");
            }
            s.get("enum").forEach(values::add);
        }
        if (s.has("const")) {
            JsonNode c = s.get("const");
            if (s.has("enum") && !values.contains(c)) {
                values.clear();
            } else {
                values = List.of(c);
            }
        }
        Set<String> types = s.has("type") ? SchemaMerge.typeSet(s.get("type")) : null;
        List<Fragment> options = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode v : values) {
            if (types == null || types.stream().anyMatch(t -> hasType(v, t))) {
                String text = serialize(v);
                if (seen.add(text)) {
                    options.add(syntax.literal(text));
                }
            }
        }
        if (options.isEmpty()) {
            throw new UnsupportedSchemaException("no value satisfies the schema at " + path
                    + ": no 'enum'/'const' value has the given type");
        }
        return syntax.alt(options);
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            default -> false;
        };
    }

    private Set<String> types(JsonNode s, String path) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = s.get("type");
        if (type != null) {
            if (!type.isTextual() && !type.isArray()) {
                throw new UnsupportedSchemaException("'type' at " + path + " must be a string or an array");
            }
            types.addAll(SchemaMerge.typeSet(type));
            if (types.isEmpty()) {
                throw new UnsupportedSchemaException("no value satisfies the schema at " + path + ": empty 'type'");
            }
            return types;
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (SchemaKeywords.OBJECT.contains(k)) {
                types.add("object");
            } else if (SchemaKeywords.ARRAY.contains(k)) {
                types.add("array");
            } else if (SchemaKeywords.STRING.contains(k)) {
                types.add("string");
            } else if (SchemaKeywords.NUMBER.contains(k)) {
                types.add("number");
            }
        }
        return types;
    }

    // ---- objects ---------------------------------------------------------------------------

    private Fragment object(JsonNode s, String path, int depth) {
        JsonNode props = s.path("properties");
        if (!props.isMissingNode() && !props.isObject()) {
            throw new UnsupportedSchemaException("'properties' at " + path + " must be an object");
        }
        List<String> required = new ArrayList<>();
        JsonNode req = s.path("required");
        if (!req.isMissingNode()) {
            if (!req.isArray()) {
                throw new UnsupportedSchemaException("'required' at " + path + " must be an array");
            }
            req.forEach(r -> {
                if (!required.contains(r.asText())) {
                    required.add(r.asText());
                }
            });
        }
        JsonNode additional = s.get("additionalProperties");
        if (additional != null && !additional.isBoolean() && !additional.isObject()) {
            throw new UnsupportedSchemaException("'additionalProperties' at " + path + " must be a boolean or a schema");
        }
        boolean noExtras = additional != null && additional.isBoolean() && !additional.asBoolean();
        if (props.size() == 0 && required.isEmpty()) {
            if (additional == null || additional.equals(BooleanNode.TRUE)) {
                return syntax.call(objectRule());
            }
            if (noExtras) {
                return syntax.seq(syntax.literal("{"), syntax.ws(), syntax.literal("}"));
            }
        }
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        props.fields().forEachRemaining(e -> declared.put(e.getKey(), e.getValue()));
        for (String name : required) {
            if (!declared.containsKey(name)) {
                if (noExtras) {
                    throw new UnsupportedSchemaException("no value satisfies the schema at " + path + ": required '"
                            + name + "' is not in 'properties' and additionalProperties is false");
                }
                declared.put(name, additional != null && additional.isObject() ? additional : BooleanNode.TRUE);
            }
        }
        List<Member> members = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : declared.entrySet()) {
            if (required.contains(e.getKey())) {
                members.add(member(e.getKey(), e.getValue(), true, path, depth));
            }
        }
        for (Map.Entry<String, JsonNode> e : declared.entrySet()) {
            boolean forbidden = e.getValue().isBoolean() && !e.getValue().asBoolean();
            if (!required.contains(e.getKey()) && !forbidden) {
                members.add(member(e.getKey(), e.getValue(), false, path, depth));
            }
        }
        Fragment extra = null;
        if (additional != null && !noExtras) {
            Fragment value = additional.isObject()
                    ? schema(additional, path + "/additionalProperties", depth + 1) : anyValue();
            extra = syntax.seq(extraKeys.excluding(declared.keySet(), () -> syntax.call(stringRule())), syntax.ws(), syntax.literal(":"), syntax.ws(), value,
                    syntax.ws());
        }
        return objectBody(members, extra);
    }

    private record Member(Fragment fragment, boolean required) {
    }

    private Member member(String name, JsonNode schema, boolean required, String path, int depth) {
        String at = path + "/properties/" + name;
        if (schema.isBoolean() && !schema.asBoolean()) {
            throw new UnsupportedSchemaException("no value satisfies the schema at " + at + ": required but false");
        }
        Fragment f = syntax.seq(syntax.literal(serialize(TextNode.valueOf(name))), syntax.ws(), syntax.literal(":"),
                syntax.ws(), schema(schema, at, depth + 1), syntax.ws());
        return new Member(f, required);
    }

    /**
     * {@code { members }}: each member in order, optional ones skippable, commas between those
     * written; then any number of extra members. Two states per position tell whether a comma is due.
     */
    private Fragment objectBody(List<Member> members, Fragment extra) {
        Fragment open = syntax.seq(syntax.literal("{"), syntax.ws());
        Fragment close = syntax.literal("}");
        int n = members.size();
        int[] none = new int[n + 1];
        int[] some = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            none[i] = nfa.newState();
            some[i] = nfa.newState();
        }
        nfa.epsilon(open.out(), none[0]);
        for (int i = 0; i < n; i++) {
            Member m = members.get(i);
            Fragment comma = syntax.seq(syntax.literal(","), syntax.ws());
            nfa.epsilon(none[i], m.fragment().in());
            nfa.epsilon(some[i], comma.in());
            nfa.epsilon(comma.out(), m.fragment().in());
            nfa.epsilon(m.fragment().out(), some[i + 1]);
            if (!m.required()) {
                nfa.epsilon(none[i], none[i + 1]);
                nfa.epsilon(some[i], some[i + 1]);
            }
        }
        if (extra != null) {
            Fragment comma = syntax.seq(syntax.literal(","), syntax.ws());
            nfa.epsilon(none[n], extra.in());
            nfa.epsilon(some[n], comma.in());
            nfa.epsilon(comma.out(), extra.in());
            nfa.epsilon(extra.out(), some[n]);
        }
        nfa.epsilon(none[n], close.in());
        nfa.epsilon(some[n], close.in());
        return new Fragment(open.in(), close.out());
    }

    // ---- arrays ----------------------------------------------------------------------------

    private Fragment array(JsonNode s, String path, int depth) {
        List<JsonNode> prefix = new ArrayList<>();
        JsonNode rest = s.has("items") ? s.get("items") : BooleanNode.TRUE;
        String restPath = path + "/items";
        if (s.has("prefixItems")) {
            s.get("prefixItems").forEach(prefix::add);
        } else if (rest.isArray()) {
            rest.forEach(prefix::add);
            rest = s.has("additionalItems") ? s.get("additionalItems") : BooleanNode.TRUE;
            restPath = path + "/additionalItems";
        }
        if (!rest.isBoolean() && !rest.isObject()) {
            throw new UnsupportedSchemaException("'items' at " + path + " must be a schema");
        }
        int min = intKeyword(s, "minItems", 0, path);
        int max = intKeyword(s, "maxItems", -1, path);
        int p = prefix.size();
        if (max >= 0 && max < p) {
            throw new UnsupportedSchemaException("unsupported combination at " + path
                    + ": 'maxItems' below the number of prefix items");
        }
        int restMin = Math.max(0, min - p);
        int restMax = max < 0 ? -1 : max - p;
        if (rest.isBoolean() && !rest.asBoolean()) {
            if (restMin > 0) {
                throw new UnsupportedSchemaException("no value satisfies the schema at " + path
                        + ": 'minItems' needs more items than allowed");
            }
            restMax = 0;
        }
        if (restMax >= 0 && restMin > restMax) {
            throw new UnsupportedSchemaException("no value satisfies the schema at " + path
                    + ": 'minItems' is above 'maxItems'");
        }
        Fragment open = syntax.seq(syntax.literal("["), syntax.ws());
        Fragment close = syntax.literal("]");
        if (p == 0 && restMax == 0) {
            return syntax.seq(open, close);
        }
        Supplier<Fragment> item = itemSupplier(rest, restPath, depth, restMin, restMax);
        List<Fragment> parts = new ArrayList<>();
        parts.add(open);
        for (int i = 0; i < p; i++) {
            if (i > 0) {
                parts.add(syntax.seq(syntax.literal(","), syntax.ws()));
            }
            parts.add(schema(prefix.get(i), path + "/prefixItems/" + i, depth + 1));
            parts.add(syntax.ws());
        }
        if (restMax != 0) {
            if (p == 0) {
                parts.add(syntax.repeat(() -> syntax.seq(item.get(), syntax.ws()),
                        () -> syntax.seq(syntax.literal(","), syntax.ws()), restMin, restMax));
            } else {
                parts.add(syntax.repeat(() -> syntax.seq(syntax.literal(","), syntax.ws(), item.get(), syntax.ws()),
                        syntax::empty, restMin, restMax));
            }
        }
        parts.add(close);
        return syntax.seq(parts.toArray(Fragment[]::new));
    }

    /** Inline copies for an unbounded list; a shared rule when counting would copy the item schema many times. */
    private Supplier<Fragment> itemSupplier(JsonNode item, String path, int depth, int min, int max) {
        if (item.isBoolean()) {
            return this::anyValue;
        }
        if (min <= 1 && max < 0) {
            return () -> schema(item, path, depth + 1);
        }
        int rule = rule("items:" + serialize(item), path, () -> schema(item, path, depth + 1));
        return () -> syntax.call(rule);
    }

    // ---- scalars ---------------------------------------------------------------------------

    private Fragment string(JsonNode s, String path) {
        int min = intKeyword(s, "minLength", 0, path);
        int max = intKeyword(s, "maxLength", -1, path);
        if (max >= 0 && min > max) {
            throw new UnsupportedSchemaException("no value satisfies the schema at " + path
                    + ": 'minLength' is above 'maxLength'");
        }
        String format = s.path("format").asText("");
        if (StringFormats.SUPPORTED.contains(format)) {
            if (s.has("minLength") || s.has("maxLength")) {
                throw new UnsupportedSchemaException("unsupported combination at " + path
                        + ": 'format' together with 'minLength'/'maxLength'");
            }
            return syntax.seq(syntax.literal("\""), formats.body(format), syntax.literal("\""));
        }
        if (min == 0 && max < 0) {
            return syntax.call(stringRule());
        }
        return syntax.string(min, max);
    }

    private Fragment integer(JsonNode s, String path) {
        NumericBounds b = NumericBounds.of(s, path);
        if (b == null) {
            return syntax.call(rule("json:integer", "json:integer", syntax::integer));
        }
        long lo = b.lowestInteger();
        long hi = b.highestInteger();
        if (lo > hi) {
            throw new UnsupportedSchemaException("no value satisfies the schema at " + path
                    + ": no integer (of at most 16 digits) lies within its bounds");
        }
        return integers.range(lo, hi);
    }

    /**
     * A bounded number is written without exponent: as an integer within the bounds, or as
     * {@code I.fraction} (or {@code -I.fraction}) where every fraction keeps it within them.
     */
    private Fragment number(JsonNode s, String path) {
        NumericBounds b = NumericBounds.of(s, path);
        if (b == null) {
            return syntax.call(rule("json:number", "json:number", syntax::number));
        }
        List<Fragment> options = new ArrayList<>();
        if (b.lowestInteger() <= b.highestInteger()) {
            options.add(integers.range(b.lowestInteger(), b.highestInteger()));
        }
        // I.f lies in [I, I+1): from the lowest integer to one below the highest.
        long positiveLo = Math.max(0, b.lowestInteger());
        long positiveHi = b.highestInteger() - 1;
        if (positiveLo <= positiveHi) {
            options.add(syntax.seq(integers.range(positiveLo, positiveHi), syntax.literal("."),
                    syntax.digits(1, JsonSyntax.MAX_FRACTION_DIGITS)));
        }
        // -I.f lies in (-(I+1), -I]: -I within the bounds and -(I+1) not below the lower one.
        long negativeLo = Math.max(0, -b.highestInteger());
        long negativeHi = -b.lowestInteger() - 1;
        if (negativeLo <= negativeHi) {
            options.add(syntax.seq(syntax.literal("-"), integers.range(negativeLo, negativeHi), syntax.literal("."),
                    syntax.digits(1, JsonSyntax.MAX_FRACTION_DIGITS)));
        }
        if (options.isEmpty()) {
            throw new UnsupportedSchemaException("unsupported bounds at " + path
                    + ": no integer or one-unit interval lies within them");
        }
        return syntax.alt(options);
    }

    // ---- any JSON value --------------------------------------------------------------------

    private Fragment anyValue() {
        return syntax.alt(List.of(syntax.call(objectRule()), syntax.call(arrayRule()), syntax.call(stringRule()),
                syntax.call(rule("json:number", "json:number", syntax::number)), syntax.literal("true"),
                syntax.literal("false"), syntax.literal("null")));
    }

    private int stringRule() {
        return rule("json:string", "json:string", syntax::string);
    }

    private int objectRule() {
        return rule("json:object", "json:object", () -> {
            Fragment member = syntax.seq(syntax.call(stringRule()), syntax.ws(), syntax.literal(":"), syntax.ws(),
                    anyValue(), syntax.ws());
            return objectBody(List.of(), member);
        });
    }

    private int arrayRule() {
        return rule("json:array", "json:array", () -> syntax.seq(syntax.literal("["), syntax.ws(),
                syntax.repeat(() -> syntax.seq(anyValue(), syntax.ws()),
                        () -> syntax.seq(syntax.literal(","), syntax.ws()), 0, -1),
                syntax.literal("]")));
    }

    // ---- rules and references --------------------------------------------------------------

    /** The rule for {@code key}, built on first use; the id exists before the body, so bodies may recurse. */
    private int rule(String key, String name, Supplier<Fragment> body) {
        Integer id = rules.get(key);
        if (id == null) {
            id = nfa.newRule(name);
            rules.put(key, id);
            nfa.define(id, body.get());
        }
        return id;
    }

    private int refRule(String ref) {
        return rule("ref:" + ref, ref, () -> schema(resolve(ref), ref, 0));
    }

    private JsonNode resolve(String ref) {
        if (ref.equals("#")) {
            return root;
        }
        if (!ref.startsWith("#/")) {
            throw new UnsupportedSchemaException("unsupported $ref '" + ref
                    + "': only references within the schema (#/...) are supported");
        }
        String pointer = URLDecoder.decode(ref.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        JsonNode target;
        try {
            target = root.at(JsonPointer.compile(pointer));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedSchemaException("$ref '" + ref + "' is not a valid JSON pointer");
        }
        if (target.isMissingNode()) {
            throw new UnsupportedSchemaException("$ref '" + ref + "' points to nothing in the schema");
        }
        return target;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static ObjectNode asObject(JsonNode s, String path) {
        if (s.isBoolean() && s.asBoolean()) {
            return JSON.createObjectNode();
        }
        if (!s.isObject()) {
            throw new UnsupportedSchemaException("the schema at " + path + " is not an object"
                    + (s.isBoolean() ? " (false: no value satisfies it)" : ""));
        }
        return (ObjectNode) s;
    }

    private static String text(JsonNode v, String keyword, String path) {
        if (!v.isTextual()) {
            throw new UnsupportedSchemaException("'" + keyword + "' at " + path + " must be a string");
        }
        return v.asText();
    }

    private static int intKeyword(JsonNode s, String keyword, int absent, String path) {
        JsonNode v = s.get(keyword);
        if (v == null) {
            return absent;
        }
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() != Math.floor(v.asDouble())) {
            throw new UnsupportedSchemaException("'" + keyword + "' at " + path + " must be a non-negative integer");
        }
        return (int) Math.min(v.asDouble(), Integer.MAX_VALUE);
    }

    private static String serialize(JsonNode v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON node", e);
        }
    }
}
