package jollama.server.http.manage;

import jollama.server.modelfile.ModelfileCommand;
import jollama.server.modelfile.ModelfileRequest;
import jollama.server.store.Digest;
import jollama.server.store.ModelName;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A validated create request: the model to write, what it is built on, and the Modelfile layers
 * to put on it (§1.12). Null or empty means "keep the base's" for template, system, parameters
 * and messages; licences are added to the base's.
 *
 * @param name       the model to write
 * @param base       what the weights come from
 * @param template   TEMPLATE text, or null
 * @param system     SYSTEM text, or null
 * @param licenses   licences to add
 * @param parameters options merged over the base's params layer (new keys win)
 * @param messages   replace the base's messages when not empty
 * @param quantize   the quantization type as the client wrote it, or null
 * @param renderer   RENDERER for the config, or null
 * @param parser     PARSER for the config, or null
 * @param requires   REQUIRES for the config, or null
 */
public record CreateSpec(ModelName name, Base base, String template, String system, List<String> licenses,
                         Map<String, Object> parameters, List<Message> messages, String quantize, String renderer,
                         String parser, String requires) {

    /** What the new model's weights come from. */
    public sealed interface Base {
        /** An existing model (pulled first when missing): its layers are reused. */
        record FromModel(ModelName name) implements Base {
            public FromModel {
                Objects.requireNonNull(name, "name");
            }
        }

        /** Blobs uploaded through {@code /api/blobs}, by file name (sorted, as Ollama walks them). */
        record FromBlobs(SortedMap<String, Digest> files) implements Base {
            public FromBlobs {
                files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
                if (files.isEmpty()) {
                    throw new IllegalArgumentException("no files");
                }
            }
        }

        /** A GGUF file on this machine, copied into the store (the CLI's {@code FROM ./model.gguf}). */
        record FromFile(Path file) implements Base {
            public FromFile {
                Objects.requireNonNull(file, "file");
            }
        }
    }

    /** A MESSAGE layer entry. */
    public record Message(String role, String content) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }

    public CreateSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base, "base");
        template = emptyToNull(template);
        system = emptyToNull(system);
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        messages = messages == null ? List.of() : List.copyOf(messages);
        quantize = emptyToNull(quantize);
        renderer = emptyToNull(renderer);
        parser = emptyToNull(parser);
        requires = emptyToNull(requires);
    }

    /** From a parsed Modelfile, as {@code jollama create NAME -f Modelfile [-q TYPE]} builds it. */
    public static CreateSpec fromModelfile(ModelName name, ModelfileRequest request, String quantize) {
        Base base = request.fromFile() != null
                ? new Base.FromFile(request.fromFile())
                : new Base.FromModel(ModelName.parse(request.fromModel()));
        List<Message> messages = new ArrayList<>();
        for (ModelfileCommand.Message m : request.messages()) {
            messages.add(new Message(m.role(), m.content()));
        }
        return new CreateSpec(name, base, request.template(), request.system(), request.licenses(),
                request.parameters(), messages, quantize, request.renderer(), request.parser(), request.requires());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
