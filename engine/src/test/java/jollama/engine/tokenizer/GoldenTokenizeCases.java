package jollama.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** golden/tokenize.json: texts with the ids llama.cpp gives them on the Qwen3 GGUF, and the text back. */
final class GoldenTokenizeCases {

    record Case(int index, String text, int[] ids, int[] idsParseSpecial, String detokenized) {
        @Override
        public String toString() {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            return "#" + index + " " + shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        }
    }

    private GoldenTokenizeCases() {
    }

    static List<Case> load() {
        JsonNode root;
        try (InputStream in = GoldenTokenizeCases.class.getResourceAsStream("/golden/tokenize.json")) {
            if (in == null) {
                throw new IOException("missing resource /golden/tokenize.json");
            }
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode c = root.get(i);
            cases.add(new Case(i, c.get("text").asText(), ints(c.get("ids")), ints(c.get("ids_parse_special")),
                    c.get("detokenized").asText()));
        }
        return cases;
    }

    private static int[] ints(JsonNode array) {
        return IntStream.range(0, array.size()).map(i -> array.get(i).asInt()).toArray();
    }
}
