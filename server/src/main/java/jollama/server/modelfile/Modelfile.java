package jollama.server.modelfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A parsed Modelfile (ollama-api.md §7, {@code ollama create -f}): its commands in file order.
 *
 * <pre>{@code
 * Modelfile mf = Modelfile.read(Path.of("Modelfile"));
 * ModelfileRequest request = mf.toRequest(Path.of("."));  // what POST /api/create is built from
 * }</pre>
 *
 * @param commands at least one of which is a {@code FROM}
 */
public record Modelfile(List<ModelfileCommand> commands) {

    public Modelfile {
        commands = List.copyOf(commands);
    }

    /**
     * Parses Modelfile text with Ollama's rules (see {@link ModelfileParser}).
     *
     * @throws ModelfileException with the line at fault, {@code unexpected EOF} for an unfinished
     *                            command or quote, or {@code no FROM line}
     */
    public static Modelfile parse(String text) throws ModelfileException {
        Objects.requireNonNull(text, "text");
        return new Modelfile(ModelfileParser.parse(text));
    }

    /** Parses a file's bytes: UTF-8, or UTF-16 when it starts with a byte order mark (as Ollama reads them). */
    public static Modelfile parse(byte[] bytes) throws ModelfileException {
        return parse(decode(bytes));
    }

    public static Modelfile read(Path file) throws IOException, ModelfileException {
        return parse(Files.readAllBytes(file));
    }

    private static String decode(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        return new String(b, StandardCharsets.UTF_8); // a UTF-8 BOM is dropped by the parser
    }

    /** The Modelfile as text, one command per line, values quoted so that it parses back the same. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (ModelfileCommand command : commands) {
            sb.append(command.line()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The create request the commands describe, as Ollama's client builds it: typed parameters,
     * messages, licences; {@code FROM} as a local file when one exists at that path (relative
     * paths against {@code relativeDir}, {@code ~} as the home folder), otherwise as a model name.
     *
     * @throws ModelfileException for a parameter that is unknown or not of its type, an ADAPTER
     *                            or DRAFT (which jollama cannot run), or a REQUIRES that is no version
     */
    public ModelfileRequest toRequest(Path relativeDir) throws ModelfileException {
        return ModelfileRequest.of(this, relativeDir);
    }

    /** Ollama's quoting for a Modelfile value ({@code show --modelfile} writes values with it). */
    public static String quote(String value) {
        return ModelfileCommand.quote(value);
    }
}
