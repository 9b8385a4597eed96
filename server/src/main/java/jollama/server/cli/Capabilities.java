package jollama.server.cli;

import jollama.engine.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model file can do, judged as Ollama judges it (ollama-api.md §4.3): embedding models
 * embed, the others complete; the chat template tells about tools and thinking.
 */
record Capabilities(boolean embedding, boolean tools, boolean thinking) {

    static Capabilities of(Model model) {
        String template = model.metadata().optionalString("tokenizer.chat_template").orElse("");
        return new Capabilities(model.info().isEmbeddingModel(), template.contains("tools"),
                template.contains(ThinkingSplitter.OPEN));
    }

    /** Ollama's names, in the order {@code ollama show} lists them. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(embedding ? "embedding" : "completion");
        if (tools) {
            names.add("tools");
        }
        if (thinking) {
            names.add("thinking");
        }
        return names;
    }
}
