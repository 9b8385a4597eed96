package jollama.server.http;

import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFMetadata;
import jollama.server.http.catalog.CatalogModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a model can do, judged before it is loaded, from its GGUF header and its TEMPLATE layer
 * (ollama-api.md §4.3): {@code embedding} when the file has a pooling type, else
 * {@code completion}; {@code tools}, {@code insert} and {@code thinking} from the templates;
 * {@code vision} from vision blocks.
 *
 * @param architecture {@code general.architecture}
 * @param capabilities Ollama's names, in Ollama's order
 */
record ModelFacts(String architecture, List<String> capabilities) {

    static final String COMPLETION = "completion";
    static final String EMBEDDING = "embedding";
    static final String TOOLS = "tools";
    static final String INSERT = "insert";
    static final String VISION = "vision";
    static final String THINKING = "thinking";

    boolean has(String capability) {
        return capabilities.contains(capability);
    }

    static ModelFacts of(GGUFMetadata md, String goTemplate) {
        String arch = md.string("general.architecture", "");
        String jinja = md.optionalString("tokenizer.chat_template").orElse("");
        String template = goTemplate == null ? "" : goTemplate;
        List<String> caps = new ArrayList<>();
        caps.add(md.contains(arch + ".pooling_type") ? EMBEDDING : COMPLETION);
        if (template.contains(".Tools") || jinja.contains("tools")) {
            caps.add(TOOLS);
        }
        if (template.contains(".Suffix")) {
            caps.add(INSERT);
        }
        if (md.contains(arch + ".vision.block_count")) {
            caps.add(VISION);
        }
        if (template.contains(".Thinking") || jinja.contains("<think>") || arch.equals("gptoss")
                || arch.equals("gpt-oss")) {
            caps.add(THINKING);
        }
        return new ModelFacts(arch, List.copyOf(caps));
    }

    /** Caches the facts per weights file and template, so a request does not re-read the header. */
    static final class Cache {
        private record Key(Path path, String template) {
        }

        private final Map<Key, ModelFacts> facts = new ConcurrentHashMap<>();

        ModelFacts of(CatalogModel model) throws IOException {
            Key key = new Key(model.modelPath(), model.template());
            ModelFacts cached = facts.get(key);
            if (cached != null) {
                return cached;
            }
            ModelFacts read;
            try (GGUFFile file = GGUFFile.open(model.modelPath())) {
                read = ModelFacts.of(file.metadata(), model.template());
            }
            facts.put(key, read);
            return read;
        }
    }
}
