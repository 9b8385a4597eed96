package jollama.server.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: positionals in order and {@code --name value} / {@code --flag} options.
 * Which options take a value is declared by the command, so {@code --special TEXT} is not
 * mistaken for an option value.
 */
record Args(List<String> positionals, Map<String, String> options) {

    static Args parse(List<String> raw, Set<String> valueOptions, Set<String> flags) {
        List<String> positionals = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i);
            if (a.equals("--")) {
                positionals.addAll(raw.subList(i + 1, raw.size()));
                break;
            }
            if (a.startsWith("-") && a.length() > 1 && !isNumber(a)) {
                String name = a.replaceFirst("^--?", "");
                String inlineValue = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inlineValue = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (valueOptions.contains(name)) {
                    if (inlineValue == null) {
                        if (i + 1 >= raw.size()) {
                            throw new UsageException("option --" + name + " needs a value");
                        }
                        inlineValue = raw.get(++i);
                    }
                    options.put(name, inlineValue);
                } else if (flags.contains(name) && inlineValue == null) {
                    options.put(name, "true");
                } else {
                    throw new UsageException("unknown option " + a);
                }
            } else {
                positionals.add(a);
            }
        }
        return new Args(List.copyOf(positionals), Map.copyOf(options));
    }

    private static boolean isNumber(String s) {
        return s.matches("-\\d+(\\.\\d+)?");
    }

    String positional(int index, String what) {
        if (index >= positionals.size()) {
            throw new UsageException("missing " + what);
        }
        return positionals.get(index);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    int intOption(String name, int defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a whole number, not '" + v + "'");
        }
    }

    long longOption(String name, long defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a whole number, not '" + v + "'");
        }
    }
}
