package jollama.engine.gotemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions every Go template has: and, or, not, len, index, slice, eq, ne, lt, le, gt,
 * ge, print, printf, println, html, js and urlquery. ({@code call} is left out: template data
 * here never holds functions.)
 */
final class Builtins {

    private Builtins() {
    }

    static Map<String, GoFunction> all() {
        Map<String, GoFunction> f = new LinkedHashMap<>();
        add(f, new GoFunction("and", List.of(GoFunction.Param.ANY), GoFunction.Param.ANY, true, args -> null));
        add(f, new GoFunction("or", List.of(GoFunction.Param.ANY), GoFunction.Param.ANY, true, args -> null));
        add(f, GoFunction.fixed("not", 1, args -> !GoValues.isTrue(args.getFirst())));
        add(f, GoFunction.fixed("len", 1, args -> Indexing.length(args.getFirst())));
        add(f, GoFunction.variadic("index", 1, GoFunction.Param.ANY,
                args -> Indexing.index(args.getFirst(), args.subList(1, args.size()))));
        add(f, GoFunction.variadic("slice", 1, GoFunction.Param.ANY,
                args -> Indexing.slice(args.getFirst(), args.subList(1, args.size()))));
        add(f, GoFunction.variadic("eq", 1, GoFunction.Param.ANY, Comparisons::eq));
        add(f, GoFunction.fixed("ne", 2, args -> !Comparisons.eq(args)));
        add(f, GoFunction.fixed("lt", 2, args -> Comparisons.lt(args.get(0), args.get(1))));
        add(f, GoFunction.fixed("le", 2, args -> Comparisons.le(args.get(0), args.get(1))));
        add(f, GoFunction.fixed("gt", 2, args -> !Comparisons.le(args.get(0), args.get(1))));
        add(f, GoFunction.fixed("ge", 2, args -> !Comparisons.lt(args.get(0), args.get(1))));
        add(f, GoFunction.variadic("print", 0, GoFunction.Param.ANY, GoFmt::sprint));
        add(f, GoFunction.variadic("println", 0, GoFunction.Param.ANY, GoFmt::sprintln));
        add(f, new GoFunction("printf", List.of(GoFunction.Param.STRING), GoFunction.Param.ANY, false,
                args -> GoFmt.sprintf((String) args.getFirst(), args.subList(1, args.size()))));
        add(f, GoFunction.variadic("html", 0, GoFunction.Param.ANY, args -> html(text(args))));
        add(f, GoFunction.variadic("js", 0, GoFunction.Param.ANY, args -> js(text(args))));
        add(f, GoFunction.variadic("urlquery", 0, GoFunction.Param.ANY, args -> urlQuery(text(args))));
        return f;
    }

    private static void add(Map<String, GoFunction> f, GoFunction function) {
        f.put(function.name(), function);
    }

    /** What html/js/urlquery escape: a lone string argument as is, otherwise fmt.Sprint of all. */
    private static String text(List<Object> args) {
        if (args.size() == 1 && args.getFirst() instanceof String s) {
            return s;
        }
        return GoFmt.sprint(args);
    }

    static String html(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\0' -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String js(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '<' -> out.append("\\u003C");
                case '>' -> out.append("\\u003E");
                case '&' -> out.append("\\u0026");
                case '=' -> out.append("\\u003D");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04X", (int) c));
                    } else if (c < 0x80 || Character.isLetterOrDigit(c) || Character.isSurrogate(c)
                            || !Character.isISOControl(c)) {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        return out.toString();
    }

    /** url.QueryEscape: only letters, digits and -_.~ stay; space becomes +. */
    static String urlQuery(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }
}
