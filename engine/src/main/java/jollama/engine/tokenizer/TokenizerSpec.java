package jollama.engine.tokenizer;

import java.util.List;
import java.util.Objects;

/**
 * Everything a tokenizer is built from, as GGUF stores it under {@code tokenizer.ggml.*}.
 *
 * @param model       {@code tokenizer.ggml.model}, e.g. "gpt2" (byte-level BPE)
 * @param pre         {@code tokenizer.ggml.pre}, the pre-tokenizer name, e.g. "qwen2"
 * @param tokens      {@code tokenizer.ggml.tokens}, token text by id
 * @param tokenTypes  {@code tokenizer.ggml.token_type}, one per token
 * @param merges      {@code tokenizer.ggml.merges}, "left right" by rank (empty for non-BPE models)
 * @param bosId       {@code tokenizer.ggml.bos_token_id}, or {@link #NONE}
 * @param eosId       {@code tokenizer.ggml.eos_token_id}, or {@link #NONE}
 * @param paddingId   {@code tokenizer.ggml.padding_token_id}, or {@link #NONE}
 * @param addBos      {@code tokenizer.ggml.add_bos_token}
 * @param addEos      {@code tokenizer.ggml.add_eos_token}
 */
public record TokenizerSpec(String model, String pre, List<String> tokens, List<TokenType> tokenTypes,
                            List<String> merges, int bosId, int eosId, int paddingId,
                            boolean addBos, boolean addEos) {

    /** Marks an absent special token id. */
    public static final int NONE = -1;

    public TokenizerSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(pre, "pre");
        tokens = List.copyOf(tokens);
        tokenTypes = List.copyOf(tokenTypes);
        merges = List.copyOf(merges);
        if (tokens.size() != tokenTypes.size()) {
            throw new IllegalArgumentException("tokenizer has " + tokens.size() + " tokens but "
                    + tokenTypes.size() + " token types");
        }
        checkId("bos", bosId, tokens.size());
        checkId("eos", eosId, tokens.size());
        checkId("padding", paddingId, tokens.size());
        if (addBos && bosId == NONE) {
            throw new IllegalArgumentException("add_bos_token is set but there is no bos token id");
        }
        if (addEos && eosId == NONE) {
            throw new IllegalArgumentException("add_eos_token is set but there is no eos token id");
        }
    }

    private static void checkId(String name, int id, int vocabularySize) {
        if (id != NONE && (id < 0 || id >= vocabularySize)) {
            throw new IllegalArgumentException(name + " token id " + id + " outside the vocabulary of "
                    + vocabularySize);
        }
    }
}
