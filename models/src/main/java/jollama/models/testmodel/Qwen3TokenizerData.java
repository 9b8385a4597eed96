package jollama.models.testmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The real Qwen3 tokenizer (shipped as a resource, from Hugging Face's tokenizer.json), laid out
 * the way GGUF stores it: tokens by id, ggml token types and "left right" merges.
 * This is what the test-model generator writes into {@code tokenizer.ggml.*}.
 *
 * @param tokens       the vocabulary by id; ids without a token are {@code [PAD<id>]}
 * @param tokenTypes   ggml token type per id (see the constants)
 * @param merges       BPE merges by rank, each "left right"
 * @param chatTemplate the Jinja chat template from tokenizer_config.json
 */
public record Qwen3TokenizerData(List<String> tokens, List<Integer> tokenTypes, List<String> merges,
                                 String chatTemplate) {

    public static final int VOCAB_SIZE = 151936;
    public static final int ENDOFTEXT = 151643;
    public static final int IM_END = 151645;

    /** ggml token types (llama_token_type). */
    public static final int NORMAL = 1, CONTROL = 3, USER_DEFINED = 4, UNUSED = 5;

    private static final String RESOURCE_DIR = "/jollama/models/testmodel/";

    /** Reads the bundled tokenizer; a few hundred milliseconds, so callers keep the result. */
    public static Qwen3TokenizerData load() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream gz = resource("tokenizer.json.gz");
             InputStream in = new GZIPInputStream(gz);
             InputStream configIn = resource("tokenizer_config.json")) {
            return fromJson(json.readTree(in), json.readTree(configIn));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled Qwen3 tokenizer", e);
        }
    }

    static Qwen3TokenizerData fromJson(JsonNode tokenizer, JsonNode config) {
        String[] tokens = new String[VOCAB_SIZE];
        Integer[] types = new Integer[VOCAB_SIZE];
        JsonNode model = tokenizer.get("model");
        for (Iterator<Map.Entry<String, JsonNode>> it = model.get("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt();
            tokens[id] = e.getKey();
            types[id] = NORMAL;
        }
        for (JsonNode added : tokenizer.get("added_tokens")) {
            int id = added.get("id").asInt();
            String content = added.get("content").asText();
            tokens[id] = content;
            boolean control = added.get("special").asBoolean()
                    || (content.startsWith("<|") && content.endsWith("|>"));
            types[id] = control ? CONTROL : USER_DEFINED;
        }
        for (int id = 0; id < VOCAB_SIZE; id++) {
            if (tokens[id] == null) {
                tokens[id] = "[PAD" + id + "]";
                types[id] = UNUSED;
            }
        }
        List<String> merges = new ArrayList<>();
        for (JsonNode merge : model.get("merges")) {
            merges.add(merge.isArray() ? merge.get(0).asText() + " " + merge.get(1).asText() : merge.asText());
        }
        String template = config.path("chat_template").asText(null);
        return new Qwen3TokenizerData(List.of(tokens), List.of(types), List.copyOf(merges), template);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Qwen3TokenizerData.class.getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IOException("missing resource " + RESOURCE_DIR + name);
        }
        return in;
    }
}
