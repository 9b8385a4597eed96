package jollama.engine.gotemplate;

import java.util.function.Function;

/**
 * What a named Go type adds to the value it wraps: its name (as Go's messages print it) and,
 * optionally, a {@code String()} method (used when the value is printed) and a
 * {@code MarshalJSON()} method (used by {@code json}). Ollama's template values rely on both:
 * tool lists and call arguments print as JSON because their Go types have String methods.
 *
 * @param name      the type as Go's {@code %T} and error messages spell it
 * @param stringer  the String method, or null when the type has none
 * @param marshaler the MarshalJSON method, or null for the default encoding
 */
record GoType(String name, Function<Object, String> stringer, Function<Object, String> marshaler) {

    static GoType plain(String name) {
        return new GoType(name, null, null);
    }

    static final GoType ANY_SLICE = plain("[]interface {}");
    static final GoType ANY_MAP = plain("map[string]interface {}");
    static final GoType STRING_SLICE = plain("[]string");
}
