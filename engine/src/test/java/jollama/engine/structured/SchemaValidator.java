package jollama.engine.structured;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON Schema validator for the keywords the tests use, with the standard's semantics (not the
 * constraint's narrower ones: a missing additionalProperties allows extra keys here, oneOf means
 * exactly one). Written for the tests so that they judge outputs independently of the compiler.
 */
final class SchemaValidator {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern TIME = Pattern.compile(
            "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])");

    private final JsonNode root;

    SchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** The violations, empty when {@code value} is valid. */
    List<String> errors(JsonNode value) {
        List<String> out = new ArrayList<>();
        validate(root, value, "$", out);
        return out;
    }

    private void validate(JsonNode schema, JsonNode v, String at, List<String> out) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                out.add(at + ": false schema");
            }
            return;
        }
        if (schema.has("$ref")) {
            validate(resolve(schema.get("$ref").asText()), v, at, out);
        }
        if (schema.has("allOf")) {
            for (JsonNode s : schema.get("allOf")) {
                validate(s, v, at, out);
            }
        }
        if (schema.has("anyOf") && count(schema.get("anyOf"), v, at) == 0) {
            out.add(at + ": no anyOf branch matches");
        }
        if (schema.has("oneOf")) {
            int n = count(schema.get("oneOf"), v, at);
            if (n != 1) {
                out.add(at + ": " + n + " oneOf branches match");
            }
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= same(e, v);
            }
            if (!found) {
                out.add(at + ": not in enum");
            }
        }
        if (schema.has("const") && !same(schema.get("const"), v)) {
            out.add(at + ": not the const");
        }
        if (schema.has("type")) {
            boolean ok = false;
            JsonNode type = schema.get("type");
            if (type.isArray()) {
                for (JsonNode t : type) {
                    ok |= hasType(v, t.asText());
                }
            } else {
                ok = hasType(v, type.asText());
            }
            if (!ok) {
                out.add(at + ": not of type " + type);
            }
        }
        if (v.isObject()) {
            object(schema, v, at, out);
        } else if (v.isArray()) {
            array(schema, v, at, out);
        } else if (v.isTextual()) {
            string(schema, v.asText(), at, out);
        } else if (v.isNumber()) {
            number(schema, v.decimalValue(), at, out);
        }
    }

    private int count(JsonNode branches, JsonNode v, String at) {
        int n = 0;
        for (JsonNode b : branches) {
            List<String> e = new ArrayList<>();
            validate(b, v, at, e);
            if (e.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    private void object(JsonNode schema, JsonNode v, String at, List<String> out) {
        JsonNode props = schema.path("properties");
        for (JsonNode r : schema.path("required")) {
            if (!v.has(r.asText())) {
                out.add(at + ": missing required " + r);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = at + "." + e.getKey();
            if (props.has(e.getKey())) {
                validate(props.get(e.getKey()), e.getValue(), child, out);
            } else if (schema.has("additionalProperties")) {
                validate(schema.get("additionalProperties"), e.getValue(), child, out);
            }
        }
    }

    private void array(JsonNode schema, JsonNode v, String at, List<String> out) {
        int prefix = 0;
        JsonNode rest = schema.get("items");
        if (schema.has("prefixItems")) {
            JsonNode p = schema.get("prefixItems");
            prefix = p.size();
            for (int i = 0; i < Math.min(prefix, v.size()); i++) {
                validate(p.get(i), v.get(i), at + "[" + i + "]", out);
            }
        } else if (rest != null && rest.isArray()) {
            prefix = rest.size();
            for (int i = 0; i < Math.min(prefix, v.size()); i++) {
                validate(rest.get(i), v.get(i), at + "[" + i + "]", out);
            }
            rest = schema.get("additionalItems");
        }
        if (rest != null) {
            for (int i = prefix; i < v.size(); i++) {
                validate(rest, v.get(i), at + "[" + i + "]", out);
            }
        }
        if (schema.has("minItems") && v.size() < schema.get("minItems").asInt()) {
            out.add(at + ": fewer than minItems");
        }
        if (schema.has("maxItems") && v.size() > schema.get("maxItems").asInt()) {
            out.add(at + ": more than maxItems");
        }
    }

    private void string(JsonNode schema, String s, String at, List<String> out) {
        int length = s.codePointCount(0, s.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            out.add(at + ": shorter than minLength");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            out.add(at + ": longer than maxLength");
        }
        String format = schema.path("format").asText("");
        if (!format.isEmpty() && !formatValid(format, s)) {
            out.add(at + ": not a valid " + format + ": " + s);
        }
    }

    private static boolean formatValid(String format, String s) {
        try {
            return switch (format) {
                case "date" -> {
                    LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
                    yield s.length() == 10;
                }
                case "time" -> {
                    OffsetTime.parse(s, DateTimeFormatter.ISO_OFFSET_TIME);
                    yield TIME.matcher(s).matches();
                }
                case "date-time" -> {
                    OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    yield s.length() > 11 && s.charAt(10) == 'T' && TIME.matcher(s.substring(11)).matches();
                }
                case "uuid" -> UUID.matcher(s).matches();
                case "email" -> EMAIL.matcher(s).matches();
                default -> true;
            };
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void number(JsonNode schema, BigDecimal x, String at, List<String> out) {
        check(schema, "minimum", at, out, x, c -> c >= 0, "exclusiveMinimum");
        check(schema, "maximum", at, out, x, c -> c <= 0, "exclusiveMaximum");
        if (schema.path("exclusiveMinimum").isNumber() && x.compareTo(schema.get("exclusiveMinimum").decimalValue()) <= 0) {
            out.add(at + ": not above exclusiveMinimum");
        }
        if (schema.path("exclusiveMaximum").isNumber() && x.compareTo(schema.get("exclusiveMaximum").decimalValue()) >= 0) {
            out.add(at + ": not below exclusiveMaximum");
        }
    }

    private interface Compare {
        boolean ok(int c);
    }

    private static void check(JsonNode schema, String k, String at, List<String> out, BigDecimal x, Compare ok,
                              String draft4Exclusive) {
        JsonNode bound = schema.get(k);
        if (bound == null || !bound.isNumber()) {
            return;
        }
        int c = x.compareTo(bound.decimalValue());
        boolean exclusive = schema.path(draft4Exclusive).asBoolean(false);
        if (!ok.ok(c) || (exclusive && c == 0)) {
            out.add(at + ": " + x + " violates " + k + " " + bound);
        }
    }

    private static boolean hasType(JsonNode v, String t) {
        return switch (t) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "number" -> v.isNumber();
            case "integer" -> v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0;
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> false;
        };
    }

    /** JSON Schema equality: numbers by value. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!b.has(k) || !same(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private JsonNode resolve(String ref) {
        if (ref.equals("#")) {
            return root;
        }
        String pointer = URLDecoder.decode(ref.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        JsonNode target = root.at(JsonPointer.compile(pointer));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("unresolved $ref " + ref);
        }
        return target;
    }
}
