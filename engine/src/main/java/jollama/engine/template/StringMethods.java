package jollama.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The Python {@code str} methods templates call: {@code content.split('</think>')[-1].lstrip('\n')}. */
final class StringMethods {

    static final Set<String> NAMES = Set.of("startswith", "endswith", "split", "rsplit", "strip", "lstrip",
            "rstrip", "replace", "upper", "lower", "title", "capitalize", "find", "count", "join", "splitlines",
            "isdigit", "isalpha", "isspace", "isupper", "islower");

    private StringMethods() {
    }

    static Object call(String s, String name, Args args) {
        return switch (name) {
            case "startswith" -> affix(s, args.accept("prefix").get(0, "prefix", null), true);
            case "endswith" -> affix(s, args.accept("suffix").get(0, "suffix", null), false);
            case "split" -> split(s, args.accept("sep", "maxsplit"));
            case "rsplit" -> rsplit(s, args.accept("sep", "maxsplit"));
            case "strip" -> strip(s, args.accept("chars").string(0, "chars", null), true, true);
            case "lstrip" -> strip(s, args.accept("chars").string(0, "chars", null), true, false);
            case "rstrip" -> strip(s, args.accept("chars").string(0, "chars", null), false, true);
            case "replace" -> replace(s, args.accept("old", "new", "count"));
            case "upper" -> noArgs(args, s).toUpperCase(Locale.ROOT);
            case "lower" -> noArgs(args, s).toLowerCase(Locale.ROOT);
            case "title" -> title(noArgs(args, s));
            case "capitalize" -> capitalize(noArgs(args, s));
            case "find" -> find(s, args.accept("sub").string(0, "sub", null));
            case "count" -> count(s, args.accept("sub").string(0, "sub", null));
            case "join" -> join(s, args.accept("iterable").get(0, "iterable", null));
            case "splitlines" -> splitlines(noArgs(args, s));
            case "isdigit" -> !noArgs(args, s).isEmpty() && s.codePoints().allMatch(Character::isDigit);
            case "isalpha" -> !noArgs(args, s).isEmpty() && s.codePoints().allMatch(Character::isLetter);
            case "isspace" -> !noArgs(args, s).isEmpty() && s.codePoints().allMatch(PyChars::isSpace);
            case "isupper" -> hasCased(noArgs(args, s)) && s.toUpperCase(Locale.ROOT).equals(s);
            case "islower" -> hasCased(noArgs(args, s)) && s.toLowerCase(Locale.ROOT).equals(s);
            default -> throw new EvalError("'str' object has no attribute '" + name + "'");
        };
    }

    /** The receiver, after checking the method was called without arguments. */
    private static String noArgs(Args args, String s) {
        args.accept();
        return s;
    }

    private static boolean hasCased(String s) {
        return s.codePoints().anyMatch(c -> Character.isUpperCase(c) || Character.isLowerCase(c)
                || Character.isTitleCase(c));
    }

    private static boolean affix(String s, Object affix, boolean prefix) {
        List<?> options = affix instanceof List<?> l ? l : List.of(affix == null ? new Object() : affix);
        for (Object o : options) {
            if (!(o instanceof String a)) {
                throw new EvalError((prefix ? "startswith" : "endswith")
                        + " first arg must be str or a tuple of str, not " + PyTypes.name(o));
            }
            if (prefix ? s.startsWith(a) : s.endsWith(a)) {
                return true;
            }
        }
        return false;
    }

    private static int maxSplit(Args args) {
        Object max = args.get(1, "maxsplit", -1L);
        return PyNumbers.toIndex(max, "maxsplit");
    }

    private static List<Object> split(String s, Args args) {
        String sep = args.string(0, "sep", null);
        int max = maxSplit(args);
        List<Object> parts = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && PyChars.isSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (max >= 0 && parts.size() == max) {
                    // The rest, leading whitespace gone, trailing kept: " a b ".split(None, 1) == ['a', 'b ']
                    parts.add(s.substring(i));
                    break;
                }
                int start = i;
                while (i < n && !PyChars.isSpace(s.charAt(i))) {
                    i++;
                }
                parts.add(s.substring(start, i));
            }
            return parts;
        }
        if (sep.isEmpty()) {
            throw new EvalError("empty separator");
        }
        int start = 0;
        while (max < 0 || parts.size() < max) {
            int at = s.indexOf(sep, start);
            if (at < 0) {
                break;
            }
            parts.add(s.substring(start, at));
            start = at + sep.length();
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static List<Object> rsplit(String s, Args args) {
        String sep = args.string(0, "sep", null);
        int max = maxSplit(args);
        if (max < 0) {
            return split(s, Args.of("rsplit", sep == null ? List.<Object>of() : List.<Object>of(sep)));
        }
        List<Object> parts = new ArrayList<>();
        if (sep == null) {
            int i = s.length();
            while (true) {
                while (i > 0 && PyChars.isSpace(s.charAt(i - 1))) {
                    i--;
                }
                if (i <= 0) {
                    break;
                }
                if (parts.size() == max) {
                    parts.addFirst(s.substring(0, i));
                    break;
                }
                int end = i;
                while (i > 0 && !PyChars.isSpace(s.charAt(i - 1))) {
                    i--;
                }
                parts.addFirst(s.substring(i, end));
            }
            return parts;
        }
        if (sep.isEmpty()) {
            throw new EvalError("empty separator");
        }
        int end = s.length();
        while (parts.size() < max) {
            int at = s.lastIndexOf(sep, end - sep.length());
            if (at < 0) {
                break;
            }
            parts.addFirst(s.substring(at + sep.length(), end));
            end = at;
        }
        parts.addFirst(s.substring(0, end));
        return parts;
    }

    /** Python's strip family: {@code chars} is a set of characters; null means whitespace. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int[] cps = s.codePoints().toArray();
        int from = 0;
        int to = cps.length;
        while (left && from < to && stripped(cps[from], chars)) {
            from++;
        }
        while (right && to > from && stripped(cps[to - 1], chars)) {
            to--;
        }
        return new String(cps, from, to - from);
    }

    private static boolean stripped(int c, String chars) {
        return chars == null ? PyChars.isSpace(c) : chars.codePoints().anyMatch(x -> x == c);
    }

    private static String replace(String s, Args args) {
        String old = args.string(0, "old", null);
        String replacement = args.string(1, "new", null);
        if (old == null || replacement == null) {
            throw new EvalError("replace() takes at least 2 arguments");
        }
        int count = PyNumbers.toIndex(args.get(2, "count", -1L), "count");
        return replace(s, old, replacement, count);
    }

    static String replace(String s, String old, String replacement, int count) {
        StringBuilder out = new StringBuilder();
        int done = 0;
        if (old.isEmpty()) {
            // Python inserts the replacement before every character and at the end.
            int[] cps = s.codePoints().toArray();
            for (int c : cps) {
                if (count < 0 || done < count) {
                    out.append(replacement);
                    done++;
                }
                out.appendCodePoint(c);
            }
            if (count < 0 || done < count) {
                out.append(replacement);
            }
            return out.toString();
        }
        int start = 0;
        while (count < 0 || done < count) {
            int at = s.indexOf(old, start);
            if (at < 0) {
                break;
            }
            out.append(s, start, at).append(replacement);
            start = at + old.length();
            done++;
        }
        return out.append(s.substring(start)).toString();
    }

    /** Python's str.title: a letter after a non-letter is upper-cased, other letters lower-cased. */
    static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean previousCased = false;
        for (int c : s.codePoints().toArray()) {
            out.append(previousCased ? Character.toString(c).toLowerCase(Locale.ROOT)
                    : Character.toString(c).toUpperCase(Locale.ROOT));
            previousCased = Character.isLetter(c);
        }
        return out.toString();
    }

    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int width = Character.charCount(first);
        return Character.toString(first).toUpperCase(Locale.ROOT) + s.substring(width).toLowerCase(Locale.ROOT);
    }

    private static long find(String s, String sub) {
        int at = s.indexOf(sub);
        return at < 0 ? -1 : s.codePointCount(0, at);
    }

    private static long count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.codePointCount(0, s.length()) + 1L;
        }
        long n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    private static String join(String separator, Object iterable) {
        StringBuilder out = new StringBuilder();
        List<Object> items = Access.iterate(iterable);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String item)) {
                throw new EvalError("sequence item " + i + ": expected str instance, "
                        + PyTypes.name(items.get(i)) + " found");
            }
            out.append(i > 0 ? separator : "").append(item);
        }
        return out.toString();
    }

    private static List<Object> splitlines(String s) {
        List<Object> lines = new ArrayList<>();
        for (String line : s.split("\r\n|[\n\r\u000b\f\u001c\u001d\u001e\u0085\u2028\u2029]", -1)) {
            lines.add(line);
        }
        if (!lines.isEmpty() && ((String) lines.getLast()).isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }
}
