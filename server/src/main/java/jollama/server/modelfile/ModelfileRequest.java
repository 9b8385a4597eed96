package jollama.server.modelfile;

import jollama.engine.sampling.GenerationOptions;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a Modelfile asks {@code create} to do, in the shape of Ollama's {@code api.CreateRequest}
 * (built on the client, as {@code ollama create} does): the base, and the layers to put on it.
 *
 * @param fromModel  the model to build on, when FROM names no local file; else null
 * @param fromFile   the local GGUF file FROM names (absolute), when it exists; else null
 * @param template   the last TEMPLATE, or null
 * @param system     the last SYSTEM, or null
 * @param licenses   every LICENSE, in order
 * @param parameters typed PARAMETERs in file order ({@code Long}, {@code Double}, {@code Boolean},
 *                   and {@code stop} as a list that collects every stop line)
 * @param messages   every MESSAGE, in order
 * @param requires   REQUIRES without a leading {@code v}, or null
 * @param renderer   RENDERER, or null
 * @param parser     PARSER, or null
 * @param warnings   what the CLI should print, e.g. {@code parameter mirostat is deprecated}
 */
public record ModelfileRequest(String fromModel, Path fromFile, String template, String system, List<String> licenses,
                               Map<String, Object> parameters, List<ModelfileCommand.Message> messages,
                               String requires, String renderer, String parser, List<String> warnings) {

    /** Go's golang.org/x/mod/semver validity, with the {@code v} already in front. */
    private static final Pattern SEMVER = Pattern.compile(
            "v(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*)"
                    + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?)?)?");

    public ModelfileRequest {
        if ((fromModel == null) == (fromFile == null)) {
            throw new IllegalArgumentException("exactly one of fromModel and fromFile");
        }
        licenses = List.copyOf(licenses);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        messages = List.copyOf(messages);
        warnings = List.copyOf(warnings);
    }

    static ModelfileRequest of(Modelfile modelfile, Path relativeDir) throws ModelfileException {
        String fromModel = null;
        Path fromFile = null;
        String template = null;
        String system = null;
        String requires = null;
        String renderer = null;
        String parser = null;
        List<String> licenses = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<ModelfileCommand.Message> messages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ModelfileCommand command : modelfile.commands()) {
            switch (command) {
                case ModelfileCommand.From f -> {
                    Path file = localFile(f.source(), relativeDir);
                    fromFile = file;
                    fromModel = file == null ? f.source() : null;
                }
                case ModelfileCommand.Parameter p -> addParameter(parameters, warnings, p);
                case ModelfileCommand.Template t -> template = t.text();
                case ModelfileCommand.SystemPrompt s -> system = s.text();
                case ModelfileCommand.License l -> licenses.add(l.text());
                case ModelfileCommand.Message m -> messages.add(m);
                case ModelfileCommand.Requires r -> requires = version(r.version());
                case ModelfileCommand.Renderer r -> renderer = r.name();
                case ModelfileCommand.Parser p -> parser = p.name();
                case ModelfileCommand.Adapter a -> throw ModelfileException.of(
                        "ADAPTER " + a.path() + ": LoRA adapters are not supported by jollama");
                case ModelfileCommand.Draft d -> throw ModelfileException.of(
                        "DRAFT " + d.source() + ": draft models (speculative decoding) are not supported by jollama");
            }
        }
        return new ModelfileRequest(fromModel, fromFile, template, system, licenses, parameters, messages, requires,
                renderer, parser, warnings);
    }

    /** FormatParams for one PARAMETER; deprecated names are dropped with a warning; stop lines accumulate. */
    private static void addParameter(Map<String, Object> parameters, List<String> warnings,
                                     ModelfileCommand.Parameter p) throws ModelfileException {
        if (GenerationOptions.isDeprecatedOption(p.name())) {
            warnings.add("parameter " + p.name() + " is deprecated");
            return;
        }
        ParameterKind kind = ParameterKind.OPTIONS.get(p.name());
        if (kind == null) {
            throw ModelfileException.of("unknown parameter '" + p.name() + "'");
        }
        Object value = kind.convert(p.value());
        if (kind == ParameterKind.STRING_LIST && parameters.get(p.name()) instanceof List<?> earlier) {
            List<Object> all = new ArrayList<>(earlier);
            all.addAll((List<?>) value);
            value = List.copyOf(all);
        }
        parameters.put(p.name(), value);
    }

    private static String version(String text) throws ModelfileException {
        String v = text.startsWith("v") ? text : "v" + text;
        if (!SEMVER.matcher(v).matches()) {
            throw ModelfileException.of("requires must be a valid semver (e.g. 0.14.0)");
        }
        return v.substring(1);
    }

    /**
     * The GGUF file FROM names, or null when nothing exists at that path (then it is a model
     * name). A folder stands for the one {@code .gguf} file in it.
     */
    private static Path localFile(String source, Path relativeDir) throws ModelfileException {
        Path path;
        try {
            path = expand(source, relativeDir);
        } catch (RuntimeException e) {
            return null; // not a path this platform can name: a model name
        }
        if (!Files.exists(path)) {
            return null;
        }
        if (!Files.isDirectory(path)) {
            return path;
        }
        List<Path> ggufs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path, "*.gguf")) {
            entries.forEach(ggufs::add);
        } catch (IOException e) {
            throw ModelfileException.of("FROM " + source + ": " + e.getMessage());
        }
        if (ggufs.size() != 1) {
            throw ModelfileException.of("FROM " + source + ": the folder holds " + ggufs.size()
                    + " .gguf files; name the model file");
        }
        return ggufs.getFirst();
    }

    private static Path expand(String source, Path relativeDir) {
        if (source.equals("~") || source.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(source.substring(Math.min(2, source.length())))
                    .toAbsolutePath().normalize();
        }
        Path p = Path.of(source);
        return (p.isAbsolute() ? p : relativeDir.resolve(p)).toAbsolutePath().normalize();
    }
}
