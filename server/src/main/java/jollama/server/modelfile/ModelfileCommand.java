package jollama.server.modelfile;

import java.util.Locale;
import java.util.Objects;

/**
 * One command of a Modelfile, as Ollama's parser knows them. {@link #line()} writes it back in
 * Modelfile syntax, quoting values the way Ollama's {@code Command.String} does, so that parsing
 * the rendered text gives the same commands again.
 */
public sealed interface ModelfileCommand {

    /** The command in Modelfile syntax, without a line end. */
    String line();

    /** {@code FROM <model name or path>}: written back unquoted, as Ollama does. */
    record From(String source) implements ModelfileCommand {
        public From {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String line() {
            return "FROM " + source;
        }
    }

    /** {@code PARAMETER <name> <value>}: the value is still text here; {@link ParameterKind} types it. */
    record Parameter(String name, String value) implements ModelfileCommand {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String line() {
            return "PARAMETER " + name + " " + quote(value);
        }
    }

    record Template(String text) implements ModelfileCommand {
        public Template {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String line() {
            return keyword(this) + " " + quote(text);
        }
    }

    /** {@code SYSTEM}; named so that it does not shadow {@link java.lang.System}. */
    record SystemPrompt(String text) implements ModelfileCommand {
        public SystemPrompt {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String line() {
            return keyword(this) + " " + quote(text);
        }
    }

    /** {@code ADAPTER <path>}: parsed so that it can be refused with a clear message. */
    record Adapter(String path) implements ModelfileCommand {
        public Adapter {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String line() {
            return keyword(this) + " " + quote(path);
        }
    }

    /** {@code LICENSE}: a Modelfile may have several. */
    record License(String text) implements ModelfileCommand {
        public License {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String line() {
            return keyword(this) + " " + quote(text);
        }
    }

    /** {@code MESSAGE <role> <content>}; the role is system, user or assistant. */
    record Message(String role, String content) implements ModelfileCommand {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public String line() {
            return "MESSAGE " + role + " " + quote(content);
        }
    }

    /** {@code REQUIRES <ollama version>}: the oldest server version the model needs. */
    record Requires(String version) implements ModelfileCommand {
        public Requires {
            Objects.requireNonNull(version, "version");
        }

        @Override
        public String line() {
            return keyword(this) + " " + quote(version);
        }
    }

    /** {@code RENDERER <name>}: Ollama's built-in prompt renderer to use instead of the template. */
    record Renderer(String name) implements ModelfileCommand {
        public Renderer {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String line() {
            return keyword(this) + " " + quote(name);
        }
    }

    /** {@code PARSER <name>}: Ollama's built-in reply parser (thinking, tool calls). */
    record Parser(String name) implements ModelfileCommand {
        public Parser {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String line() {
            return keyword(this) + " " + quote(name);
        }
    }

    /** {@code DRAFT <path>}: a draft model for speculative decoding. */
    record Draft(String source) implements ModelfileCommand {
        public Draft {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String line() {
            return keyword(this) + " " + quote(source);
        }
    }

    /**
     * Ollama's quoting for written values: {@code "…"} when the text has a line break or a space
     * at either end (which the parser would otherwise lose), {@code """…"""} when it also holds
     * a quote; anything else as is.
     */
    static String quote(String s) {
        if (s.contains("\n") || s.startsWith(" ") || s.endsWith(" ")) {
            return s.contains("\"") ? "\"\"\"" + s + "\"\"\"" : "\"" + s + "\"";
        }
        return s;
    }

    private static String keyword(ModelfileCommand command) {
        return switch (command) {
            case Template t -> "TEMPLATE";
            case SystemPrompt s -> "SYSTEM";
            case Adapter a -> "ADAPTER";
            case License l -> "LICENSE";
            case Requires r -> "REQUIRES";
            case Renderer r -> "RENDERER";
            case Parser p -> "PARSER";
            case Draft d -> "DRAFT";
            case From f -> "FROM";
            case Parameter p -> "PARAMETER";
            case Message m -> "MESSAGE";
        };
    }

    /** The keyword of a command name as written in a file, or null when it is not one. */
    static String normalizedKeyword(String written) {
        String upper = written.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "FROM", "PARAMETER", "TEMPLATE", "SYSTEM", "ADAPTER", "LICENSE", "MESSAGE", "REQUIRES",
                 "RENDERER", "PARSER", "DRAFT" -> upper;
            default -> null;
        };
    }
}
